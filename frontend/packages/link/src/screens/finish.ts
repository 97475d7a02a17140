// Finish: what is connected and what happens next. Done calls onFinish; in Hosted Link it goes back to the
// lender, or, without an address to go back to, says the window can be closed.

import { html, type TemplateResult } from "lit";
import { copy, lenderAtStart } from "../copy.js";
import { linkedOf } from "../journey.js";
import type { View } from "./view.js";

export function finish({ state, send }: View): TemplateResult {
  const all = state.steps.flatMap((s) => linkedOf(state, s.key).map((l) => ({ step: s, l })));
  return html`<h1 tabindex="-1">${copy.allSet}</h1>
      <ul>${all.map(({ step, l }) => html`<li>${copy.finishedItem(step.label, l.platformName, l.organisationName)}</li>`)}</ul>
      <p>${copy.fetching(lenderAtStart(state))}</p>
      <button class="primary" ?disabled=${state.busy} @click=${() => send({ type: "done" })}>${copy.done}</button>`;
}

/** Hosted Link after Done when the lender gave no address to go back to. */
export function done({ state }: View): TemplateResult {
  return html`<div class="center"><div class="big ok" aria-hidden="true">✓</div>
      <h1 tabindex="-1">${copy.closeTitle}</h1>
      <p>${copy.closeNow(lenderAtStart(state))}</p></div>`;
}
