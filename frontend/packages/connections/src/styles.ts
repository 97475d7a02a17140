// Manage connections' own layout; tokens and the rules it shares with Link come from the core first.
import { css } from "lit";
import { sharedStyles, tokens } from "@bridgekeeper/link-core";

const manage = css`
  :host { max-width: 560px; }
  .frame { gap: 12px; min-height: 320px; }
  header { display: flex; align-items: flex-start; gap: 10px; }
  h1 { font-size: 1.35rem; line-height: 1.3; margin: 0; flex: 1; }
  h1:focus { outline: none; }
  h2 { font-size: 1.05rem; margin: 0; }
  p { margin: 0; }
  button { padding: 9px 14px; }
  button[disabled] { cursor: not-allowed; opacity: 0.6; }
  .primary { border: 1px solid var(--bk-primary); }
  .danger { background: var(--bk-bad); color: #fff; border: 1px solid var(--bk-bad); font-weight: 600; }
  .close { padding: 4px 10px; color: var(--bk-text); }
  ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
  li { border: 1px solid var(--bk-border); border-radius: 10px; padding: 14px; display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
  .logo { flex: none; }
  .details { flex: 1; min-width: 180px; display: flex; flex-direction: column; gap: 4px; }
  dl { margin: 2px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; font-size: 0.9rem; }
  dt { color: var(--bk-muted); }
  dd { margin: 0; }
  .status { font-weight: 600; white-space: nowrap; }
  .status.Linked { color: var(--bk-ok); }
  .status.Deauthorized { color: var(--bk-warn); }
  .status.Unlinked { color: var(--bk-muted); }
  .actions { display: flex; flex-direction: column; gap: 6px; align-items: stretch; }
  .overlay { padding: 16px; }
  .dialog { max-width: 420px; }
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
`;

export const styles = [tokens, sharedStyles, manage];
