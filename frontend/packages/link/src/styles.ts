import { css } from "lit";

export const styles = css`
  :host {
    --bk-primary: #1f5fbf;
    --bk-text: #1b1f24;
    --bk-muted: #56606b;
    --bk-border: #d3d9e0;
    --bk-ok: #17663a;
    --bk-bad: #a3261b;
    display: block;
    box-sizing: border-box;
    width: 100%;
    max-width: 460px;
    min-height: 560px;
    margin: 0 auto;
    font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    color: var(--bk-text);
    background: #fff;
    border: 1px solid var(--bk-border);
    border-radius: 12px;
    position: relative;
  }
  :host([hide-border]) { border: none; }
  :host([hosted]) { max-width: 560px; min-height: 100vh; border: none; }
  * { box-sizing: border-box; }
  main { padding: 24px; display: flex; flex-direction: column; gap: 14px; min-height: inherit; }
  header { display: flex; align-items: center; gap: 10px; min-height: 32px; }
  header img { max-height: 28px; max-width: 120px; }
  header .lender { font-weight: 600; flex: 1; }
  h1 { font-size: 1.35rem; line-height: 1.3; margin: 4px 0 0; }
  h2 { font-size: 1rem; margin: 0 0 2px; }
  h3 { font-size: 0.95rem; margin: 0 0 2px; }
  p { margin: 0 0 6px; }
  ul { margin: 0 0 6px; padding-left: 20px; }
  .muted { color: var(--bk-muted); }
  a { color: var(--bk-primary); }
  button { font: inherit; cursor: pointer; border-radius: 8px; }
  button:focus-visible, a:focus-visible, input:focus-visible, .card:focus-visible {
    outline: 3px solid var(--bk-primary); outline-offset: 2px;
  }
  .primary {
    background: var(--bk-primary); color: #fff; border: none; padding: 12px 16px; font-weight: 600; width: 100%;
  }
  .primary[disabled] { background: #9aa5b1; cursor: not-allowed; }
  .secondary { background: #fff; color: var(--bk-primary); border: 1px solid var(--bk-border); padding: 10px 14px; width: 100%; }
  .link { background: none; border: none; color: var(--bk-primary); text-decoration: underline; padding: 0; }
  .close { position: absolute; top: 10px; right: 10px; border: none; background: none; font-size: 22px; line-height: 1; padding: 6px 10px; }
  .back { align-self: flex-start; }
  .cards { display: flex; flex-direction: column; gap: 10px; }
  .card {
    display: flex; align-items: center; gap: 12px; width: 100%; text-align: left; padding: 14px;
    border: 1px solid var(--bk-border); border-radius: 10px; background: #fff; color: inherit;
  }
  .card:hover { border-color: var(--bk-primary); }
  .card .name { font-weight: 600; }
  .card .grow { flex: 1; }
  .tag { font-size: 0.78rem; border-radius: 999px; padding: 2px 8px; border: 1px solid var(--bk-border); white-space: nowrap; }
  .tag.required { border-color: var(--bk-text); }
  .state { font-size: 0.85rem; color: var(--bk-muted); }
  .state.ok { color: var(--bk-ok); font-weight: 600; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 10px; }
  .grid .card { flex-direction: column; justify-content: center; text-align: center; min-height: 110px; }
  .logo { width: 40px; height: 40px; object-fit: contain; }
  input[type="search"] { width: 100%; padding: 10px 12px; border: 1px solid var(--bk-border); border-radius: 8px; font: inherit; }
  label { font-weight: 600; font-size: 0.9rem; }
  section.consent { border-top: 1px solid var(--bk-border); padding-top: 10px; }
  .progress { font-weight: 600; }
  .notice { padding: 10px 12px; border-radius: 8px; background: #fff4e5; border: 1px solid #f0c27a; }
  .center { text-align: center; align-items: center; }
  .big { font-size: 42px; line-height: 1; }
  .ok { color: var(--bk-ok); }
  .bad { color: var(--bk-bad); }
  .spacer { flex: 1; }
  footer { display: flex; justify-content: space-between; font-size: 0.8rem; color: var(--bk-muted); margin-top: 8px; }
  .overlay { position: absolute; inset: 0; background: rgba(20, 24, 28, 0.55); display: flex; align-items: center; justify-content: center; border-radius: inherit; padding: 24px; }
  .dialog { background: #fff; border-radius: 10px; padding: 20px; display: flex; flex-direction: column; gap: 10px; max-width: 360px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 400px) { main { padding: 16px; } }
`;
