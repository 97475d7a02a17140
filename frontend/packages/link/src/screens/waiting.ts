// While the customer signs in at the platform in its window (or, back from the same tab, while we check).

import { html, type TemplateResult } from "lit";
import { copy } from "../copy.js";
import type { View } from "./view.js";

export function waiting({ state, send }: View): TemplateResult {
  const name = state.integration?.name;
  return html`<div class="center">
      <h1 tabindex="-1">${copy.waitingTitle(name ?? "")}</h1>
      <p>${copy.signInThere(name ?? "")}</p>
      <p><button class="link" @click=${() => send({ type: "reopen" })}>${copy.reopen(name ?? "")}</button></p>
    </div>`;
}
