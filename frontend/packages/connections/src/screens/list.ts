// The page: header, loading or failure, and the list of connections with their actions and products.

import { html, nothing, type TemplateResult } from "lit";
import { expiringSoon, shownConsentsOn } from "../consents.js";
import { copy } from "../copy.js";
import { formatDate, statusText } from "../format.js";
import { DEFAULT_RENEW_WITHIN_DAYS, productOf } from "../manage.js";
import type { ManagedConnection } from "../model.js";
import { confirmDialog, stopDialog } from "./dialogs.js";
import type { View } from "./view.js";

export function page(view: View): TemplateResult {
  const { state, send, closable } = view;
  // inside the lender's page, which has its own <main>: a plain container, no second landmark
  return html`<div class="frame">
      <header>
        <h1 tabindex="-1">${copy.title}</h1>
        ${closable ? html`<button class="close" aria-label=${copy.close} @click=${() => send({ type: "closed" })}>×</button>` : nothing}
      </header>
      <div class="sr-only" role="status" aria-live="polite">${state.announcement}</div>
      ${body(view)}
      ${state.confirming ? confirmDialog(view, state.confirming) : nothing}
      ${state.stopping ? stopDialog(view, state.stopping) : nothing}
    </div>`;
}

function body(view: View): TemplateResult {
  const { state, send } = view;
  if (state.screen === "loading") {
    return html`<p class="muted">${copy.loading}</p>`;
  }
  if (state.screen === "failed") {
    const f = state.failure;
    return html`<div role="alert" class="notice">
          <p><strong>${copy.loadFailed}</strong> ${f?.message ?? ""}</p>
          ${f?.correlationId ? html`<p class="muted">${copy.reference(f.correlationId)}</p>` : nothing}
        </div>
        <button class="secondary" @click=${() => send({ type: "start", options: state.options })}>${copy.tryAgain}</button>`;
  }
  return html`
      <p class="muted">${copy.intro(state.lenderName)}</p>
      ${state.notice ? html`<div role="alert" class="notice">${state.notice}</div>` : nothing}
      ${state.connections.length === 0
        ? html`<p>${copy.none}</p>`
        : html`<ul aria-label=${copy.listLabel}>${state.connections.map((c) => item(view, c))}</ul>`}`;
}

function item(view: View, c: ManagedConnection): TemplateResult {
  const { state, send } = view;
  const locale = state.options.locale;
  const waiting = state.reconnecting?.id === c.id;
  return html`<li>
      ${c.iconUrl ?? c.logoUrl ? html`<img class="logo" src=${c.iconUrl ?? c.logoUrl} alt="" loading="lazy">` : nothing}
      <div class="details">
        <h2>${c.platformName}</h2>
        ${c.organisationName ? html`<p class="muted">${c.organisationName}</p>` : nothing}
        <dl>
          <dt>${copy.status}</dt><dd class="status ${c.status}">${c.status === "Linked" ? "✓ " : ""}${statusText(c.status)}</dd>
          <dt>${copy.firstConnected}</dt><dd>${formatDate(c.firstLinked ?? c.created, locale)}</dd>
          <dt>${copy.lastUpdated}</dt><dd>${formatDate(c.lastSync, locale)}</dd>
        </dl>
        ${waiting ? html`<p>${copy.waiting(c.platformName)} <button class="link" @click=${() => send({ type: "reopen" })}>${copy.reopen}</button></p>` : nothing}
      </div>
      <div class="actions">
        ${c.status === "Linked"
          ? html`<button class="secondary" data-disconnect=${c.id} ?disabled=${waiting}
              @click=${() => send({ type: "disconnectAsked", connection: c })}>${copy.disconnect}<span class="sr-only"> ${c.platformName}</span></button>`
          : html`<button class="primary" data-reconnect=${c.id} ?disabled=${Boolean(state.reconnecting)}
              @click=${() => send({ type: "reconnectAsked", connection: c })}>${copy.reconnect}<span class="sr-only"> ${c.platformName}</span></button>`}
      </div>
      ${c.status === "Linked" ? productList(view, c) : nothing}
    </li>`;
}

/** The products this connection is shared for, each with its dates and actions. */
function productList({ state, send }: View, c: ManagedConnection): TemplateResult | typeof nothing {
  // consents of companies without products are the connection itself: Disconnect covers them
  const active = shownConsentsOn(c, state.consents).filter((consent) => consent.productIdentifier);
  if (active.length === 0) {
    return nothing;
  }
  const locale = state.options.locale;
  const days = state.options.renewWithinDays ?? DEFAULT_RENEW_WITHIN_DAYS;
  const now = Date.now();
  return html`<section class="consents" aria-labelledby="consents-${c.id}">
      <h3 id="consents-${c.id}" tabindex="-1" data-consents=${c.id}>${copy.sharedFor}</h3>
      <ul class="products">${active.map((consent) => {
        const product = productOf(state, consent.productIdentifier);
        const ended = consent.status === "Expired";
        const soon = ended || expiringSoon(consent, now, days);
        return html`<li class="product">
          <div>
            <p><strong>${product}</strong>${ended ? html` <span class="soon">${copy.ended}</span>`
              : soon ? html` <span class="soon">${copy.endsSoon}</span>` : nothing}</p>
            <p class="muted">${ended ? copy.endedOn(formatDate(consent.expiresAt, locale))
              : copy.period(formatDate(consent.grantedAt, locale), formatDate(consent.expiresAt, locale))}</p>
          </div>
          <div class="product-actions">
            ${soon ? html`<button class="primary" data-renew=${consent.id} ?disabled=${state.renewing === consent.id}
                @click=${() => send({ type: "renewAsked", consent, connection: c })}>${copy.renew}<span class="sr-only"> ${product} for ${c.platformName}</span></button>`
              : nothing}
            ${ended ? nothing : html`<button class="secondary" data-stop=${consent.id} ?disabled=${state.renewing === consent.id}
              @click=${() => send({ type: "stopAsked", consent, connection: c })}>${copy.stopSharingFor(product)}<span class="sr-only"> from ${c.platformName}</span></button>`}
          </div>
        </li>`;
      })}</ul>
    </section>`;
}
