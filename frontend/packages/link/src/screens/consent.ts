// Consent, before the customer leaves for the platform: the built-in sections, or the company's products' own.
// What this shows is what the record stores: copy.ts's consentText reads the same words in the same order.

import { html, type TemplateResult } from "lit";
import { consentDataTypes, copy, nextStepText } from "../copy.js";
import { sectionMarkdown } from "../product-texts.js";
import { markdown, type View } from "./view.js";

export function consent(view: View): TemplateResult {
  const { state, send, text } = view;
  if (state.productTexts.length) {
    return productConsent(view);
  }
  const data = consentDataTypes(state);
  const section = (title: string, key: string) => html`<section class="consent"><h2>${title}</h2>${markdown(text(key))}</section>`;
  return html`<button class="link back" @click=${() => send({ type: "back" })}>${copy.back}</button>
      <h1 tabindex="-1">${text("consents.title")}</h1>
      ${markdown(text("consents.subtitle"))}
      ${section(copy.purpose, "consents.purpose")}
      ${section(copy.access, "consents.access")}
      ${section(copy.accountInformation, "consents.accountInformation")}
      <section class="consent"><h2>${copy.platformData}</h2><ul>${data.map((d) => html`<li>${d}</li>`)}</ul></section>
      ${section(copy.retention, "consents.retention")}
      <section class="consent">${markdown(text("consents.termsAndConditions"))}</section>
      <p class="muted">${nextStepText(state)}</p>
      <button class="primary" @click=${() => send({ type: "agreed" })}>${text("consents.nextButton")}</button>`;
}

/** The consent screen with the company's products' own sections (server-rendered, Markdown sanitised here). */
function productConsent({ state, send, text }: View): TemplateResult {
  return html`<button class="link back" @click=${() => send({ type: "back" })}>${copy.back}</button>
      <h1 tabindex="-1">${text("consents.title")}</h1>
      ${markdown(text("consents.subtitle"))}
      ${state.productTexts.map((t) => html`<section class="consent product" data-product=${t.productIdentifier}>
        <h2>${t.heading}</h2>
        ${t.sections.map((s) => html`<section class="consent"><h3>${s.title}</h3>${markdown(sectionMarkdown(s.body))}</section>`)}
      </section>`)}
      <section class="consent">${markdown(text("consents.termsAndConditions"))}</section>
      <p class="muted">${nextStepText(state)}</p>
      <button class="primary" @click=${() => send({ type: "agreed" })}>${text("consents.nextButton")}</button>`;
}
