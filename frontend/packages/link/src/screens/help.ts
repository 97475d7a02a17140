// Can't find your platform: tell the lender which one you use. The lender's support address when the profile has
// one (a prefilled email), otherwise plain words. uploadOption is where "Upload documents instead" goes once the
// upload journey exists: it renders nothing until the element offers uploads.

import { html, nothing, type TemplateResult } from "lit";
import { copy, lenderAtStart, lenderName } from "../copy.js";
import type { View } from "./view.js";

export function help(view: View): TemplateResult {
  const { state, send } = view;
  const label = state.step!.label;
  const email = state.company?.lender.supportEmail;
  const mail = email ? `mailto:${email}?subject=${encodeURIComponent(copy.helpSubject(label))}` : "";
  return html`<button class="link back" @click=${() => send({ type: "back" })}>${copy.back}</button>
      <h1 tabindex="-1">${copy.helpTitle(label)}</h1>
      <p>${copy.helpTell(lenderAtStart(state), label)}</p>
      ${email ? html`<a class="primary button" href=${mail}>${copy.helpEmail(lenderName(state))}</a>`
        : html`<p>${copy.helpNoContact(lenderName(state))}</p>`}
      ${uploadOption(view)}
      <button class="secondary" @click=${() => send({ type: "back" })}>${copy.backToList}</button>`;
}

/** The hook for "Upload documents instead": nothing until the journey can take uploads. */
export function uploadOption(_view: View): TemplateResult | typeof nothing {
  return nothing;
}
