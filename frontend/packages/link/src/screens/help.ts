// Can't find your platform: tell the lender which one you use. The lender's support address when the profile has
// one (a prefilled email), otherwise plain words; or upload documents instead.

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

/** "Upload documents instead": bank statements and accounts, when no platform fits. */
export function uploadOption(view: View): TemplateResult | typeof nothing {
  return html`<p>${copy.uploadOffer}</p>
      <button class="secondary" @click=${() => view.send({ type: "uploadAsked" })}>${copy.uploadInstead}</button>`;
}
