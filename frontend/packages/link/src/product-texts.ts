// Product consent texts: when the company has products configured on the server, the consent screen shows
// their versioned sections (rendered by the server for this company) instead of the built-in wording, and each
// product's consent is recorded with its own textVersion, locale and productIdentifier.
//
// Precedence: the product's sections replace Purpose, Access, Account information, Platform data and Retention,
// so the lender's consents.purpose / consents.access / consents.accountInformation / consents.retention and
// <type>.dataAccess.dataTypes text options do not apply to them (the record claims the product's version).
// The screen's own wording (consents.title, consents.subtitle, consents.termsAndConditions, consents.nextButton)
// still follows the lender's options and is recorded too, because it is shown.

import type { ProductConsentText } from "./api.js";

/** What one POST .../consents sends for one product. */
export interface ProductAcceptance {
  productIdentifier: string;
  textVersion?: string;
  locale?: string;
  text: string;
}

/**
 * The consent screen exactly as shown with product texts, in screen order: what every product's record stores.
 * `lead` is the screen's wording before the products' sections (title, subtitle, summary, the details' label),
 * `close` after them (terms, privacy policy, what happens next); all already interpolated, empty parts left out.
 */
export function productConsentText(lead: string[], texts: ProductConsentText[], close: string[]): string {
  return [...lead, ...texts.map((t) => t.text), ...close].filter((part) => part.length > 0).join("\n\n");
}

/** One acceptance per product, each with that product's version and locale and the whole text shown. */
export function productAcceptances(texts: ProductConsentText[], shown: string): ProductAcceptance[] {
  return texts.map((t) => ({ productIdentifier: t.productIdentifier, textVersion: t.textVersion ?? undefined,
    locale: t.locale ?? undefined, text: shown }));
}

/**
 * A section body as Link's Markdown subset reads it: an intro line directly followed by "- item" lines (the
 * server's Platform data list) becomes a paragraph and a list; the words themselves are unchanged.
 */
export function sectionMarkdown(body: string): string {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const item = (line: string) => /^\s*[-*]\s/.test(line);
  return lines.map((line, i) => i > 0 && item(line) && lines[i - 1].trim() !== "" && !item(lines[i - 1])
    ? `\n${line}` : line).join("\n");
}
