// What every screen module gets: the journey's state, a way to send it events, and its texts.
// A screen renders from these alone; it holds no state and calls nothing but `send`.

import { html, type TemplateResult } from "lit";
import type { JourneyEvent, JourneyState } from "../journey.js";
import { parseMarkdown, type Block, type Inline } from "../text.js";

export interface View {
  state: JourneyState;
  send: (event: JourneyEvent) => void;
  /** A lender-overridable text for the current source type, placeholders filled. */
  text: (key: string) => string;
  /** The lender gave onClose: the header has a close button. */
  closable: boolean;
}

/** Link's Markdown subset as Lit templates: tokens through text bindings, so markup in a text stays text. */
export function markdown(source: string): TemplateResult {
  return html`${parseMarkdown(source).map((b: Block) => b.kind === "p"
    ? html`<p>${inline(b.inline)}</p>`
    : html`<ul>${b.items.map((item) => html`<li>${inline(item)}</li>`)}</ul>`)}`;
}

function inline(parts: Inline[]): TemplateResult {
  return html`${parts.map((part) => {
    switch (part.kind) {
      case "strong": return html`<strong>${part.text}</strong>`;
      case "em": return html`<em>${part.text}</em>`;
      case "link": return html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>`;
      default: return part.text;
    }
  })}`;
}
