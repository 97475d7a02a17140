// Pick your platform: type-ahead search over the source type's platforms, and the way out when yours is missing.

import { html, nothing, type TemplateResult } from "lit";
import { copy } from "../copy.js";
import { shownIntegrations } from "../journey.js";
import type { View } from "./view.js";

export function picker({ state, send }: View): TemplateResult {
  const shown = shownIntegrations(state);
  return html`<button class="link back" @click=${() => send({ type: "back" })}>${copy.back}</button>
      <h1 tabindex="-1">${copy.pickTitle(state.step!.label)}</h1>
      ${state.notice ? html`<p class="notice" role="alert">${state.notice}</p>` : nothing}
      <label for="search">${copy.search}</label>
      <input id="search" type="search" autocomplete="off" placeholder=${copy.searchExample} .value=${state.search}
        @input=${(e: Event) => send({ type: "searched", text: (e.target as HTMLInputElement).value })}>
      <div class="grid">
        ${shown.map((i) => html`<button class="card" @click=${() => send({ type: "platformChosen", integration: i })}>
          ${i.iconUrl ?? i.logoUrl ? html`<img class="logo" src=${i.iconUrl ?? i.logoUrl} alt="" loading="lazy">` : nothing}
          <span class="name">${i.name}</span></button>`)}
      </div>
      ${shown.length === 0 && state.integrations.length > 0 ? html`<p class="muted">${copy.noMatch(state.search)}</p>` : nothing}
      <p><button class="link" @click=${() => send({ type: "helpAsked" })}>${copy.cantFind}</button></p>`;
}
