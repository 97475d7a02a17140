// Design tokens and the styles both components share. Each component adds its own layout after these, so a
// rule here is one both render identically; the lender's theme sets --bk-primary on the host.

import { css } from "lit";

/** The palette and type as CSS custom properties, and the card both components sit in. */
export const tokens = css`
  :host {
    --bk-primary: #1f5fbf;
    --bk-text: #1b1f24;
    --bk-muted: #56606b;
    --bk-border: #d3d9e0;
    --bk-ok: #17663a;
    --bk-warn: #8a4b00;
    --bk-bad: #a3261b;
    --bk-font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    display: block;
    box-sizing: border-box;
    width: 100%;
    margin: 0 auto;
    font: var(--bk-font);
    color: var(--bk-text);
    background: #fff;
    border: 1px solid var(--bk-border);
    border-radius: 12px;
    position: relative;
  }
`;

/**
 * Rules both components render the same: the frame (a <main> landmark only when the component is the whole page,
 * Hosted Link; a plain <div> inside the lender's page, which has its own), focus ring, muted text, link buttons,
 * notices, dialogs, screen-reader text.
 */
export const sharedStyles = css`
  * { box-sizing: border-box; }
  .frame { padding: 24px; display: flex; flex-direction: column; }
  h1:focus { outline: none; }
  .muted { color: var(--bk-muted); }
  button { font: inherit; cursor: pointer; border-radius: 8px; }
  button:focus-visible, a:focus-visible, input:focus-visible {
    outline: 3px solid var(--bk-primary); outline-offset: 2px;
  }
  .primary { background: var(--bk-primary); color: #fff; font-weight: 600; }
  .secondary { background: #fff; color: var(--bk-primary); border: 1px solid var(--bk-border); }
  .link { background: none; border: none; color: var(--bk-primary); text-decoration: underline; padding: 0; }
  .close { border: none; background: none; font-size: 22px; line-height: 1; }
  .logo { width: 40px; height: 40px; object-fit: contain; }
  .notice { padding: 10px 12px; border-radius: 8px; background: #fff4e5; border: 1px solid #f0c27a; }
  .overlay { position: absolute; inset: 0; background: rgba(20, 24, 28, 0.55); display: flex; align-items: center; justify-content: center; border-radius: inherit; }
  .dialog { background: #fff; border-radius: 10px; padding: 20px; display: flex; flex-direction: column; gap: 10px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 400px) { .frame { padding: 16px; } }
`;

/** A CSS colour the theme may set; anything else (url(), expressions, several declarations) is ignored. */
export function safeColor(value: string | undefined): string | null {
  if (!value) {
    return null;
  }
  const v = value.trim();
  return /^#[0-9a-f]{3,8}$/i.test(v) || /^(rgb|hsl)a?\([\d\s.,%/]+\)$/i.test(v) || /^[a-z]{3,20}$/i.test(v) ? v : null;
}

/** Applies the lender's theme.colors.primary to the host, when it is a colour. */
export function applyTheme(host: HTMLElement, theme: { colors?: { primary?: string } } | undefined): void {
  const color = safeColor(theme?.colors?.primary);
  if (color) {
    host.style.setProperty("--bk-primary", color);
  }
}
