import { css } from "lit";

export const styles = css`
  :host {
    --bk-primary: #1f5fbf;
    --bk-text: #1b1f24;
    --bk-muted: #56606b;
    --bk-border: #d3d9e0;
    --bk-ok: #17663a;
    --bk-warn: #8a4b00;
    --bk-bad: #a3261b;
    display: block;
    box-sizing: border-box;
    width: 100%;
    max-width: 560px;
    margin: 0 auto;
    font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    color: var(--bk-text);
    background: #fff;
    border: 1px solid var(--bk-border);
    border-radius: 12px;
    position: relative;
  }
  * { box-sizing: border-box; }
  main { padding: 24px; display: flex; flex-direction: column; gap: 12px; min-height: 320px; }
  header { display: flex; align-items: flex-start; gap: 10px; }
  h1 { font-size: 1.35rem; line-height: 1.3; margin: 0; flex: 1; }
  h1:focus { outline: none; }
  h2 { font-size: 1.05rem; margin: 0; }
  p { margin: 0; }
  .muted { color: var(--bk-muted); }
  button { font: inherit; cursor: pointer; border-radius: 8px; padding: 9px 14px; }
  button:focus-visible { outline: 3px solid var(--bk-primary); outline-offset: 2px; }
  button[disabled] { cursor: not-allowed; opacity: 0.6; }
  .primary { background: var(--bk-primary); color: #fff; border: 1px solid var(--bk-primary); font-weight: 600; }
  .danger { background: var(--bk-bad); color: #fff; border: 1px solid var(--bk-bad); font-weight: 600; }
  .secondary { background: #fff; color: var(--bk-primary); border: 1px solid var(--bk-border); }
  .link { background: none; border: none; color: var(--bk-primary); text-decoration: underline; padding: 0; }
  .close { border: none; background: none; font-size: 22px; line-height: 1; padding: 4px 10px; color: var(--bk-text); }
  ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
  li { border: 1px solid var(--bk-border); border-radius: 10px; padding: 14px; display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
  .logo { width: 40px; height: 40px; object-fit: contain; flex: none; }
  .details { flex: 1; min-width: 180px; display: flex; flex-direction: column; gap: 4px; }
  dl { margin: 2px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; font-size: 0.9rem; }
  dt { color: var(--bk-muted); }
  dd { margin: 0; }
  .status { font-weight: 600; white-space: nowrap; }
  .status.Linked { color: var(--bk-ok); }
  .status.Deauthorized { color: var(--bk-warn); }
  .status.Unlinked { color: var(--bk-muted); }
  .actions { display: flex; flex-direction: column; gap: 6px; align-items: stretch; }
  .notice { padding: 10px 12px; border-radius: 8px; background: #fff4e5; border: 1px solid #f0c27a; }
  .overlay { position: absolute; inset: 0; background: rgba(20, 24, 28, 0.55); display: flex; align-items: center; justify-content: center; border-radius: inherit; padding: 16px; }
  .dialog { background: #fff; border-radius: 10px; padding: 20px; display: flex; flex-direction: column; gap: 10px; max-width: 420px; }
  .dialog .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
  h3 { font-size: 0.95rem; margin: 6px 0 0; }
  h3:focus { outline: none; }
  .consents { display: flex; flex-direction: column; gap: 6px; flex-basis: 100%; }
  ul.products { gap: 6px; }
  li.product { padding: 10px; gap: 8px; justify-content: space-between; }
  li.product > div:first-child { flex: 1; min-width: 160px; }
  .product-actions { display: flex; gap: 6px; flex-wrap: wrap; }
  .product-actions button { padding: 6px 10px; font-size: 0.9rem; }
  .soon { color: var(--bk-warn); font-weight: 600; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 400px) { main { padding: 16px; } }
`;
