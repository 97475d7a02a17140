// "Upload documents instead": the checks the browser makes before sending (the server makes them again), and the
// words of the upload consent, which are what the record stores.

import type { UploadedFile, UploadLimits } from "./api.js";

/** The consent shown before the first file, recorded exactly so. */
export function uploadConsentText(lender: string): string {
  return `Share your documents with ${lender}. ${lender} will be able to see and download the files you upload`
    + " here, and will read the accounts and transactions in bank statements (OFX or CAMT.053 files) to assess"
    + ` your business. You can ask ${lender} to delete them at any time.`;
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** "PDF, CSV, OFX, XLSX or CAMT.053 · up to 10 MB each · up to 20 at a time" */
export function limitsText(limits: UploadLimits): string {
  const types = limits.allowedTypes;
  const list = types.length > 1 ? `${types.slice(0, -1).join(", ")} or ${types[types.length - 1]}` : types.join("");
  return `${list} files, up to ${megabytes(limits.maxFileSizeBytes)} each, up to ${limits.maxFilesPerUpload} at a time.`;
}

/** Why the chosen files cannot be sent, one line each; empty when they can. */
export function refusals(files: File[], limits: UploadLimits): string[] {
  const problems: string[] = [];
  if (files.length > limits.maxFilesPerUpload) {
    problems.push(`You chose ${files.length} files; upload at most ${limits.maxFilesPerUpload} at a time.`);
  }
  for (const f of files) {
    const dot = f.name.lastIndexOf(".");
    const ending = dot < 0 ? "" : f.name.slice(dot).toLowerCase();
    if (!limits.allowedExtensions.includes(ending)) {
      problems.push(`${f.name} is not a ${limits.allowedTypes.join(", ")} file.`);
    } else if (f.size > limits.maxFileSizeBytes) {
      problems.push(`${f.name} is ${megabytes(f.size)}; each file can be at most ${megabytes(limits.maxFileSizeBytes)}.`);
    } else if (f.size === 0) {
      problems.push(`${f.name} is empty.`);
    }
  }
  return problems;
}

/** What the list says of a stored file. */
export function fileState(f: UploadedFile): string {
  if (f.statementStatus === "Read") {
    return "Statement read";
  }
  if (f.statementStatus === "Unreadable") {
    return `Kept, but the statement could not be read: ${f.statementError ?? ""}`;
  }
  return "Uploaded";
}
