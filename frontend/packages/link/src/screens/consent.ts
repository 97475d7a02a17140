// Consent, before the customer leaves for the platform. It leads with a short summary and the Agree button
// within one screen; every section (the built-in ones or the company's products' own) is one tap away behind
// "See everything…". What this shows, expanded or not, is what the record stores: copy.ts's consentText reads the
// same words in the same order.

import { html, nothing, type TemplateResult } from "lit";
import { consentDataTypes, consentSummary, copy, nextStepText, privacyText } from "../copy.js";
import { sectionMarkdown } from "../product-texts.js";
import { markdown, type View } from "./view.js";

export function consent(view: View): TemplateResult {
  const { state, send, text } = view;
  const section = (title: string, key: string) => html`<section class="consent"><h2>${title}</h2>${markdown(text(key))}</section>`;
  const details = state.productTexts.length
    ? state.productTexts.map((t) => html`<section class="consent product" data-product=${t.productIdentifier}>
        <h2>${t.heading}</h2>
        ${t.sections.map((s) => html`<section class="consent"><h3>${s.title}</h3>${markdown(sectionMarkdown(s.body))}</section>`)}
      </section>`)
    : html`${section(copy.purpose, "consents.purpose")}
      ${section(copy.access, "consents.access")}
      ${section(copy.accountInformation, "consents.accountInformation")}
      <section class="consent"><h2>${copy.platformData}</h2><ul>${consentDataTypes(state).map((d) => html`<li>${capital(d)}</li>`)}</ul></section>
      ${section(copy.retention, "consents.retention")}`;
  const privacy = privacyText(state);
  return html`<button class="link back" @click=${() => send({ type: "back" })}>${copy.back}</button>
      <h1 tabindex="-1">${text("consents.title")}</h1>
      ${markdown(text("consents.subtitle"))}
      <ul class="summary">${consentSummary(state).map((line) => html`<li>${line}</li>`)}</ul>
      <details class="consent-details">
        <summary>${copy.details}</summary>
        ${details}
      </details>
      <div class="terms">${markdown(text("consents.termsAndConditions"))}${privacy ? markdown(privacy) : nothing}</div>
      <p class="muted">${nextStepText(state)}</p>
      <button class="primary" ?disabled=${state.busy} @click=${() => send({ type: "agreed" })}>${text("consents.nextButton")}</button>`;
}

function capital(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
