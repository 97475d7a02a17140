// Loading, and the screen when the journey cannot start (no token, refused token, a protected Hosted Link opened
// without its link, server unreachable).

import { html, nothing, type TemplateResult } from "lit";
import { copy } from "../copy.js";
import type { View } from "./view.js";

export function loading(): TemplateResult {
  return html`<p class="muted">${copy.loading}</p>`;
}

export function fatal({ state }: View): TemplateResult {
  return html`<h1 tabindex="-1">${state.fatalTitle ?? copy.fatalTitle}</h1>
        <p>${state.fatal?.message}</p>
        ${state.fatal?.correlationId ? html`<p class="muted">${copy.reference(state.fatal.correlationId)}</p>` : nothing}`;
}
