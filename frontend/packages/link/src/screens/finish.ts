// Finish: what is connected and what happens next.

import { html, type TemplateResult } from "lit";
import { copy, lenderName } from "../copy.js";
import { linkedOf } from "../journey.js";
import type { View } from "./view.js";

export function finish({ state, send }: View): TemplateResult {
  const all = state.steps.flatMap((s) => linkedOf(state, s.key).map((l) => ({ step: s, l })));
  return html`<h1 tabindex="-1">${copy.allSet}</h1>
      <ul>${all.map(({ step, l }) => html`<li>${copy.finishedItem(step.label, l.platformName, l.organisationName)}</li>`)}</ul>
      <p>${copy.fetching(lenderName(state))}</p>
      <button class="primary" @click=${() => send({ type: "done" })}>${copy.done}</button>`;
}
