// Around every screen: the lender's header, the live region, the badge, and the leave confirmation.

import { html, nothing, type TemplateResult } from "lit";
import { copy } from "../copy.js";
import type { View } from "./view.js";

export function frame(view: View, body: TemplateResult): TemplateResult {
  const { state } = view;
  return html`
      <main aria-busy=${state.screen === "loading" ? "true" : "false"}>
        ${header(view)}
        ${body}
        <div class="sr-only" role="status" aria-live="polite">${state.announcement}</div>
        <div class="spacer"></div>
        <footer><span>${copy.secured}</span></footer>
      </main>
      ${state.confirmingClose ? closeDialog(view) : nothing}`;
}

function header({ state, send, closable }: View): TemplateResult {
  const lender = state.company?.lender;
  return html`<header>
      ${lender?.logoUrl ? html`<img src=${lender.logoUrl} alt="" loading="lazy">` : nothing}
      <span class="lender">${(state.options.text?.companyName as string | undefined) ?? lender?.name ?? ""}</span>
      ${closable ? html`<button class="close" aria-label=${copy.close} @click=${() => send({ type: "closeAsked" })}>×</button>` : nothing}
    </header>`;
}

function closeDialog({ send }: View): TemplateResult {
  return html`<div class="overlay"><div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="bk-close-title">
      <h2 id="bk-close-title">${copy.leaveTitle}</h2>
      <p>${copy.leaveKeeps}</p>
      <button class="primary" @click=${() => send({ type: "closeAnswered", confirmed: true })}>${copy.leave}</button>
      <button class="secondary" @click=${() => send({ type: "closeAnswered", confirmed: false })}>${copy.stay}</button>
    </div></div>`;
}
