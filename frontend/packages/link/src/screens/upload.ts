// Upload documents instead: the limits first, the consent (its words are what the record stores), then a drop zone
// with a plain file button, progress, what was refused and why, what was uploaded, and Done.

import { html, nothing, type TemplateResult } from "lit";
import { copy, lenderName } from "../copy.js";
import { fileState, limitsText, megabytes, uploadConsentText } from "../upload.js";
import type { View } from "./view.js";

export function upload(view: View): TemplateResult {
  const { state, send } = view;
  const u = state.upload;
  const chosen = (files: FileList | null | undefined) => send({ type: "filesChosen", files: Array.from(files ?? []) });
  const back = html`<button class="link back" ?disabled=${state.busy} @click=${() => send({ type: "back" })}>${copy.back}</button>
      <h1 tabindex="-1">${copy.uploadTitle}</h1>`;
  if (!u?.limits) {
    return html`${back}<p aria-busy="true">${copy.uploadLoading}</p>`;
  }
  const limits = html`<p class="limits">${limitsText(u.limits)}</p>`;
  if (!u.consented) {
    return html`${back}${limits}
      <p class="upload-consent">${uploadConsentText(lenderName(state))}</p>
      <button class="primary" ?disabled=${state.busy} @click=${() => send({ type: "uploadAgreed" })}>${copy.uploadAgree}</button>`;
  }
  const accept = u.limits.allowedExtensions.join(",");
  return html`${back}${limits}
    <div class="dropzone" @dragover=${(e: DragEvent) => e.preventDefault()}
        @drop=${(e: DragEvent) => { e.preventDefault(); chosen(e.dataTransfer?.files); }}>
      <span>${copy.uploadDrop}</span>
      <label class="secondary button">${copy.uploadChoose}<input class="visually-hidden" type="file" multiple
        accept=${accept} ?disabled=${state.busy}
        @change=${(e: Event) => { const input = e.target as HTMLInputElement; chosen(input.files); input.value = ""; }}></label>
    </div>
    ${u.progress !== undefined ? html`<progress max="100" .value=${u.progress} aria-label=${copy.uploading}></progress>` : nothing}
    ${u.errors.length ? html`<div class="bad" role="alert"><p>${copy.uploadProblems}:</p>
      <ul>${u.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : nothing}
    ${u.files.length ? html`<h2>${copy.uploadedList}</h2><ul class="uploaded">${u.files.map((f) => html`<li>
      <span class="name">${f.fileName}</span> <span class="state ${f.statementStatus === "Unreadable" ? "" : "ok"}">${f.kind},
      ${megabytes(f.size)} · ${fileState(f)}</span></li>`)}</ul>` : nothing}
    <button class="primary" ?disabled=${state.busy || !u.files.length} @click=${() => send({ type: "uploadDone" })}>${copy.done}</button>`;
}
