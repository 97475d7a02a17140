// The confirmations: disconnecting a connection, and stopping one product's sharing. Each says what stops
// before the customer agrees; Escape keeps things as they are and Tab stays within the dialog's buttons.

import { html, nothing, type TemplateResult } from "lit";
import { impactSentences } from "../consents.js";
import { copy } from "../copy.js";
import { formatDate, listText, plainDataType } from "../format.js";
import { productOf, type Confirming, type StoppingConsent } from "../manage.js";
import type { View } from "./view.js";

function dialogKeys(send: View["send"], e: KeyboardEvent): void {
  if (e.key === "Escape") {
    send({ type: "dialogCancelled" });
    return;
  }
  if (e.key !== "Tab") {
    return;
  }
  const overlay = e.currentTarget as HTMLElement;
  const buttons = [...overlay.querySelectorAll<HTMLElement>(".dialog button:not([disabled])")];
  if (buttons.length === 0) {
    return;
  }
  const at = buttons.indexOf((overlay.getRootNode() as ShadowRoot).activeElement as HTMLElement);
  const next = e.shiftKey ? (at <= 0 ? buttons.length - 1 : at - 1) : (at + 1) % buttons.length;
  e.preventDefault();
  buttons[next].focus();
}

export function stopDialog({ state, send }: View, stopping: StoppingConsent): TemplateResult {
  const { consent, connection, impact, busy } = stopping;
  const product = productOf(state, consent.productIdentifier);
  const deleted = impact?.dataDeletedAt ? formatDate(impact.dataDeletedAt, state.options.locale) : "";
  return html`<div class="overlay" @keydown=${(e: KeyboardEvent) => dialogKeys(send, e)}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="stop-title" aria-describedby="stop-what">
        <h2 id="stop-title">${copy.stopTitle(connection.platformName, product)}</h2>
        ${impact ? html`
          <div id="stop-what">${impactSentences(impact, product, connection.platformName).map((s) => html`<p>${s}</p>`)}</div>
          ${deleted ? html`<p>${copy.deletedOn(product, deleted)}</p>` : nothing}
          <p class="muted">${copy.shareAgain(state.lenderName)}</p>`
          : html`<p id="stop-what" class="muted">${copy.checking}</p>`}
        <div class="buttons">
          <button class="danger" ?disabled=${busy} @click=${() => send({ type: "stopConfirmed" })}>${copy.stopSharing}</button>
          <button class="secondary" ?disabled=${busy && Boolean(impact)} @click=${() => send({ type: "dialogCancelled" })}>${copy.keepSharing}</button>
        </div>
      </div>
    </div>`;
}

export function confirmDialog({ state, send }: View, confirming: Confirming): TemplateResult {
  const { connection, impact, busy } = confirming;
  const dataTypes = (impact?.dataTypes ?? []).map(plainDataType);
  const products = (impact?.products ?? []).map((p) => p.name).filter(Boolean);
  const retention = state.options.retentionText ?? copy.retention(state.lenderName);
  return html`<div class="overlay" @keydown=${(e: KeyboardEvent) => dialogKeys(send, e)}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-what">
        <h2 id="confirm-title">${copy.disconnectTitle(connection.platformName)}</h2>
        ${impact ? html`
          <p id="confirm-what">${copy.noMoreUpdates(state.lenderName, connection.platformName)}${dataTypes.length
            ? html`: your ${listText(dataTypes)}` : nothing}.</p>
          ${products.length ? html`<p>${copy.stopsWorking(listText(products))}</p>` : nothing}
          <p>${retention}</p>
          <p class="muted">${copy.reconnectAnyTime}</p>` : html`<p id="confirm-what" class="muted">${copy.checking}</p>`}
        <div class="buttons">
          <button class="danger" ?disabled=${busy} @click=${() => send({ type: "disconnectConfirmed" })}>${copy.disconnect}</button>
          <button class="secondary" ?disabled=${busy && Boolean(impact)} @click=${() => send({ type: "dialogCancelled" })}>${copy.keepConnected}</button>
        </div>
      </div>
    </div>`;
}
