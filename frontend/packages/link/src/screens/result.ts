// After the platform: Connected (one tick, drawn once), the customer did not allow access, or what went wrong
// with a reference.

import { html, nothing, type TemplateResult } from "lit";
import { copy } from "../copy.js";
import type { View } from "./view.js";

export function result({ state, send }: View): TemplateResult {
  const o = state.outcome!;
  const toAccounts = () => send({ type: "toAccounts" });
  if (o.kind === "connected") {
    return html`<div class="center"><div class="big ok" aria-hidden="true">✓</div>
        <h1 tabindex="-1">${copy.connectedTitle}</h1>
        <p><strong>${o.platformName}</strong>${o.organisationName ? html` · ${o.organisationName}` : nothing}</p></div>
        <button class="primary" @click=${toAccounts}>${copy.continue}</button>`;
  }
  if (o.kind === "cancelled") {
    return html`<div class="center"><h1 tabindex="-1">${copy.notConnected}</h1>
        <p>${copy.deniedAccess(o.platformName)}</p></div>
        <button class="primary" @click=${() => send({ type: "retry" })}>${copy.tryAgain}</button>
        <button class="secondary" @click=${toAccounts}>${copy.backToAccounts}</button>`;
  }
  return html`<div class="center"><h1 tabindex="-1">${copy.wentWrong}</h1>
      <p>${o.message ?? copy.couldNotConnect}</p>
      ${o.correlationId ? html`<p class="muted">${copy.supportReference}<code>${o.correlationId}</code></p>` : nothing}</div>
      <button class="primary" @click=${toAccounts}>${copy.backToAccounts}</button>`;
}
