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

const DATA_TYPES: Record<string, string> = {
  chartOfAccounts: "chart of accounts",
  balanceSheet: "balance sheet",
  profitAndLoss: "profit and loss",
  cashFlowStatement: "cash flow statement",
  info: "company information",
  company: "company information",
  "banking-accounts": "bank accounts",
  "banking-transactions": "bank transactions",
  "banking-accountBalances": "account balances",
  "commerce-orders": "orders",
  "commerce-payments": "payments",
  "commerce-customers": "customers",
  "commerce-products": "products",
};

/** "bankAccounts" → "bank accounts", "commerce-orders" → "orders". */
export function plainDataType(key: string): string {
  if (DATA_TYPES[key]) {
    return DATA_TYPES[key];
  }
  return key.replace(/^(banking|commerce)-/, "").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[-_]/g, " ")
    .toLowerCase();
}

/** "a, b and c". */
export function listText(items: string[]): string {
  if (items.length <= 1) {
    return items.join("");
  }
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The core's theme colour check, shared with Link; undefined for anything that is not a colour. */
export function safeColor(value: string | undefined): string | undefined {
  return coreSafeColor(value) ?? undefined;
}
