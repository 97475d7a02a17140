// Around every screen: the lender's header, the live region, help and the badge, and the leave confirmation. A
// <main> landmark only when the journey is the whole page (Hosted Link); inside the lender's page, which has its
// own <main>, a plain container.

import { html, nothing, type TemplateResult } from "lit";
import { copy, lenderName } from "../copy.js";
import type { View } from "./view.js";

export function frame(view: View, body: TemplateResult): TemplateResult {
  const { state } = view;
  const content = html`
        ${header(view)}
        ${body}
        <div class="sr-only" role="status" aria-live="polite">${state.announcement}</div>
        <div class="spacer"></div>
        ${footer(view)}`;
  const busy = state.screen === "loading" ? "true" : "false";
  return html`${state.hosted ? html`<main class="frame" aria-busy=${busy}>${content}</main>`
      : html`<div class="frame" aria-busy=${busy}>${content}</div>`}
      ${state.confirmingClose ? closeDialog(view) : nothing}`;
}

function header({ state, send, closable }: View): TemplateResult {
  const lender = state.company?.lender;
  const name = (state.options.text?.companyName as string | undefined) ?? lender?.name ?? "";
  return html`<header>
      ${lender?.logoUrl ? html`<img class="lender-logo" src=${lender.logoUrl} alt=${name ? `${name} logo` : ""}>` : nothing}
      <span class="lender">${name}</span>
      ${closable ? html`<button class="close" aria-label=${copy.close} @click=${() => send({ type: "closeAsked" })}>×</button>` : nothing}
    </header>`;
}

/** Help on every screen when the lender gave a support address, and the badge. */
function footer({ state }: View): TemplateResult {
  const email = state.company?.lender.supportEmail;
  return html`<footer>
      ${email ? html`<span>${copy.needHelp} <a href=${`mailto:${email}`}>${copy.contact(lenderName(state))}</a></span>`
        : html`<span></span>`}
      <span>${copy.secured}</span>
    </footer>`;
}

function closeDialog({ send }: View): TemplateResult {
  return html`<div class="overlay"><div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="bk-close-title">
      <h2 id="bk-close-title">${copy.leaveTitle}</h2>
      <p>${copy.leaveKeeps}</p>
      <button class="primary" @click=${() => send({ type: "closeAnswered", confirmed: true })}>${copy.leave}</button>
      <button class="secondary" @click=${() => send({ type: "closeAnswered", confirmed: false })}>${copy.stay}</button>
    </div></div>`;
}
