// Landing (showLandingPage): the value exchange and one button.

import { html, type TemplateResult } from "lit";
import { markdown, type View } from "./view.js";

export function landing({ state, send, text }: View): TemplateResult {
  return html`<h1 tabindex="-1">${text("landing.title")}</h1>
      ${markdown(text("landing.subtitle"))}
      <button class="primary" ?disabled=${state.busy} @click=${() => send({ type: "landingAccepted" })}>${text("landing.nextButton")}</button>`;
}
