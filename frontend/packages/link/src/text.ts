// Text handling: {placeholder} interpolation and a deliberately small Markdown subset.
//
// Markdown is parsed into tokens, never into HTML: the component renders tokens through Lit text
// bindings, so markup in a text option is shown as text, not run. Links survive only with an
// http(s) or mailto target; anything else (javascript:, data:, relative tricks) becomes plain text.

export { listText, plainDataType } from "@bridgekeeper/link-core";

export function interpolate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "em"; text: string }
  | { kind: "link"; text: string; href: string };

export type Block = { kind: "p"; inline: Inline[] } | { kind: "ul"; items: Inline[][] };

const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

/** The URL when it is absolute and http, https or mailto; otherwise null. */
export function safeHref(raw: string): string | null {
  const value = raw.trim();
  // browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so refuse them
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(value)) {
    return null;
  }
  try {
    const url = new URL(value);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) {
      out.push({ kind: "text", text: text.slice(last, at) });
    }
    if (match[1] !== undefined) {
      out.push({ kind: "strong", text: match[1] });
    } else if (match[2] !== undefined) {
      out.push({ kind: "em", text: match[2] });
    } else {
      const href = safeHref(match[4]);
      out.push(href ? { kind: "link", text: match[3], href } : { kind: "text", text: match[3] });
    }
    last = at + match[0].length;
  }
  if (last < text.length) {
    out.push({ kind: "text", text: text.slice(last) });
  }
  return out;
}

/** Paragraphs split by blank lines; lines starting with "- " or "* " form a list. */
export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
    if (lines.length === 0) {
      continue;
    }
    if (lines.every((l) => /^[-*]\s+/.test(l))) {
      blocks.push({ kind: "ul", items: lines.map((l) => parseInline(l.replace(/^[-*]\s+/, ""))) });
    } else {
      blocks.push({ kind: "p", inline: parseInline(lines.join(" ")) });
    }
  }
  return blocks;
}

