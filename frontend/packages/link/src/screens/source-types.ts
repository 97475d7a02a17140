// Choose what to connect: a card per source type with its state, in any order; Complete once the required are done.

import { html, nothing, type TemplateResult } from "lit";
import { copy } from "../copy.js";
import { connectedCount, linkedOf, requiredDone } from "../journey.js";
import { markdown, type View } from "./view.js";

export function sourceTypes({ state, send, text }: View): TemplateResult {
  const total = state.steps.length;
  const ready = requiredDone(state);
  return html`<h1 tabindex="-1">${text("main.title")}</h1>
      ${markdown(text("main.subtitle"))}
      <p class="progress" aria-live="polite">${copy.progress(connectedCount(state), total)}</p>
      <div class="cards">
        ${state.steps.map((step) => {
          const done = linkedOf(state, step.key);
          // the visible text is the accessible name: type, state and Required/Optional, never colour alone
          return html`<button class="card" @click=${() => send({ type: "sourceTypeChosen", key: step.key })}>
            ${done[0]?.logoUrl ? html`<img class="logo" src=${done[0].logoUrl} alt="" loading="lazy">` : nothing}
            <span class="grow">
              <span class="name">${step.label}</span><br>
              <span class="state ${done.length ? "ok" : ""}">${done.length
                ? copy.cardConnected(done.map((d) => d.platformName), step.key !== "accounting")
                : step.description}</span>
            </span>
            <span class="tag ${step.optional ? "" : "required"}">${step.optional ? copy.optional : copy.required}</span>
          </button>`;
        })}
      </div>
      <button class="primary" ?disabled=${!ready} aria-describedby=${ready ? nothing : "bk-required-first"}
        @click=${() => send({ type: "completed" })}>${copy.complete}</button>
      ${ready ? nothing : html`<p class="muted" id="bk-required-first">${copy.requiredFirst}</p>`}`;
}
