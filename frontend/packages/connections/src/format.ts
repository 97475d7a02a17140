// Words and dates the customer sees: statuses in plain language, data types without jargon.

import { safeColor as coreSafeColor } from "@bridgekeeper/link-core";
import type { ConnectionStatus } from "./types.js";

const STATUS: Record<ConnectionStatus, string> = {
  Linked: "Connected",
  Deauthorized: "Needs re-authorisation",
  Unlinked: "Disconnected",
  PendingAuth: "Not finished",
};

export function statusText(status: ConnectionStatus): string {
  return STATUS[status] ?? status;
}

/** "3 Mar 2026"; "Never" for a missing date and "Unknown" for one that does not parse. */
export function formatDate(iso: string | undefined | null, locale?: string): string {
  if (!iso) {
    return "Never";
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return "Unknown";
  }
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** The words for data types and lists are the core's, shared with Link. */
export { listText, plainDataType } from "@bridgekeeper/link-core";

/** The core's theme colour check, shared with Link; undefined for anything that is not a colour. */
export function safeColor(value: string | undefined): string | undefined {
  return coreSafeColor(value) ?? undefined;
}
