// Additional consent: a product asks to use a connection the customer already has; no new sign-in.
// Its words are the record's (additional.ts builds the recorded text from the same copy).

import { html, nothing, type TemplateResult } from "lit";
import { copy, lenderName } from "../copy.js";
import { plainDataType } from "../text.js";
import { markdown, type View } from "./view.js";

export function additional({ state, send, text }: View): TemplateResult {
  const p = state.pending[0];
  return html`<h1 tabindex="-1">${copy.shareTitle(p.platformName, p.productName)}</h1>
      <p>${copy.alreadyConnected(p.platformName, lenderName(state), p.productName)}</p>
      ${p.purpose ? html`<section class="consent"><h2>${copy.purpose}</h2><p>${p.purpose}</p></section>` : nothing}
      <section class="consent"><h2>${copy.access}</h2>${markdown(text("consents.access"))}</section>
      <section class="consent"><h2>${copy.platformData}</h2><ul>${p.dataTypes.map((d) => html`<li>${plainDataType(d)}</li>`)}</ul></section>
      <section class="consent"><h2>${copy.retention}</h2>${markdown(text("consents.retention"))}</section>
      <section class="consent">${markdown(text("consents.termsAndConditions"))}</section>
      <p class="muted">${copy.noSignIn(p.productName)}</p>
      <button class="primary" @click=${() => send({ type: "additionalAgreed" })}>${copy.agreeAndShare}</button>
      <button class="secondary" @click=${() => send({ type: "additionalSkipped" })}>${copy.notNow}</button>`;
}
