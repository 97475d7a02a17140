// The journey's own layout; tokens and the rules it shares with manage connections come from the core first.
import { css } from "lit";
import { sharedStyles, tokens } from "@bridgekeeper/link-core";

const journey = css`
  :host { max-width: 460px; min-height: 560px; }
  :host([hide-border]) { border: none; }
  /* the whole page: exactly the window's height (the page has no margin), never more */
  :host([hosted]) { max-width: 560px; min-height: 100vh; min-height: 100dvh; border: none; border-radius: 0; }
  .frame { gap: 14px; min-height: inherit; }
  header { display: flex; align-items: center; gap: 10px; min-height: 32px; }
  header img { max-height: 32px; max-width: 140px; }
  header .lender { font-weight: 600; flex: 1; }
  h1 { font-size: 1.35rem; line-height: 1.3; margin: 4px 0 0; }
  h2 { font-size: 1rem; margin: 0 0 2px; }
  h3 { font-size: 0.95rem; margin: 0 0 2px; }
  p { margin: 0 0 6px; }
  ul { margin: 0 0 6px; padding-left: 20px; }
  a { color: var(--bk-primary); }
  .card:focus-visible { outline: 3px solid var(--bk-primary); outline-offset: 2px; }
  .primary { border: none; padding: 12px 16px; width: 100%; }
  a.button { display: block; text-align: center; text-decoration: none; border-radius: 8px; }
  .primary[disabled] { background: #9aa5b1; cursor: not-allowed; }
  .secondary { padding: 10px 14px; width: 100%; }
  .close { position: absolute; top: 10px; right: 10px; padding: 6px 10px; }
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
  input[type="search"] { width: 100%; padding: 10px 12px; border: 1px solid var(--bk-border); border-radius: 8px; font: inherit; }
  label { font-weight: 600; font-size: 0.9rem; }
  section.consent { border-top: 1px solid var(--bk-border); padding-top: 10px; }
  ul.summary { margin: 0; padding-left: 20px; display: flex; flex-direction: column; gap: 2px; }
  details.consent-details { border: 1px solid var(--bk-border); border-radius: 8px; padding: 0 12px; }
  details.consent-details[open] { padding-bottom: 10px; }
  details.consent-details > summary { cursor: pointer; padding: 10px 0; color: var(--bk-primary); font-weight: 600; }
  details.consent-details > summary:focus-visible { outline: 3px solid var(--bk-primary); outline-offset: 2px; }
  details.consent-details section.consent { margin-top: 8px; }
  .terms p { margin: 0 0 4px; }
  .progress { font-weight: 600; }
  .center { text-align: center; align-items: center; }
  .big { font-size: 42px; line-height: 1; }
  .ok { color: var(--bk-ok); }
  .bad { color: var(--bk-bad); }
  .spacer { flex: 1; }
  footer { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 4px 12px; font-size: 0.8rem;
    color: var(--bk-muted); margin-top: 8px; }
  .overlay { padding: 24px; }
  .dropzone { border: 2px dashed var(--bk-border); border-radius: 8px; padding: 16px; display: flex; flex-direction: column;
    align-items: center; gap: 8px; text-align: center; }
  label.button { display: block; text-align: center; cursor: pointer; box-sizing: border-box; }
  label.button:focus-within { outline: 3px solid var(--bk-primary); outline-offset: 2px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  progress { width: 100%; }
  ul.uploaded { margin: 0; padding-left: 20px; }
  ul.uploaded .name { font-weight: 600; overflow-wrap: anywhere; }
  .dialog { max-width: 360px; }
`;

export const styles = [tokens, sharedStyles, journey];
