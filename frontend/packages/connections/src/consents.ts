// Per-product consents on a connection: which of the company's consent records are Active on it, which are
// close enough to their end to offer "Renew", and the words the customer sees before stopping one.

import { listText, plainDataType } from "./format.js";

export type ConsentStatus = "Active" | "Expired" | "Revoked" | "Superseded";

/** A consent record as GET /companies/{companyId}/consents returns it (the fields the component uses). */
export interface ConsentRecord {
  id: string;
  productIdentifier?: string;
  sourceType: string;
  /** Empty: every connection of the source type. */
  connectionIds: string[];
  dataTypes: string[];
  grantedAt: string;
  expiresAt?: string;
  status: ConsentStatus;
}

/** What revoking a consent changes, from GET …/consents/{consentId}/impact. */
export interface ConsentImpact {
  consentId: string;
  productIdentifier?: string;
  products: { productIdentifier?: string; dataTypes: string[] }[];
  connections: { connectionId: string; platformName: string; stopsSyncing: string[]; keepsSyncing: string[];
    unlinked: boolean }[];
  retention?: string;
  dataDeletedAt?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Active consents on one connection: those naming it, or naming none and sharing its source type. */
export function activeConsentsOn(connection: { id: string; sourceType: string }, consents: ConsentRecord[]):
    ConsentRecord[] {
  return consents.filter((c) => c.status === "Active" && (c.connectionIds?.length
    ? c.connectionIds.includes(connection.id)
    : c.sourceType?.toLowerCase() === connection.sourceType?.toLowerCase()));
}

/**
 * The consents shown on a connection: every Active one, plus the latest Expired one of each product that has no
 * Active consent there any more (the customer can renew it without signing in again).
 */
export function shownConsentsOn(connection: { id: string; sourceType: string }, consents: ConsentRecord[]):
    ConsentRecord[] {
  const onIt = (c: ConsentRecord) => (c.connectionIds?.length ? c.connectionIds.includes(connection.id)
    : c.sourceType?.toLowerCase() === connection.sourceType?.toLowerCase());
  const active = activeConsentsOn(connection, consents);
  const ended = new Map<string, ConsentRecord>();
  for (const c of consents) {
    const product = c.productIdentifier ?? "";
    if (c.status === "Expired" && onIt(c) && !active.some((a) => (a.productIdentifier ?? "") === product)
        && (!ended.has(product) || Date.parse(ended.get(product)!.expiresAt ?? "") < Date.parse(c.expiresAt ?? ""))) {
      ended.set(product, c);
    }
  }
  return [...active, ...ended.values()];
}

/** True when the consent ends within `days` of `now` (or has a date in the past but is still Active). */
export function expiringSoon(consent: ConsentRecord, now: number, days: number): boolean {
  if (!consent.expiresAt || consent.status !== "Active") {
    return false;
  }
  const end = Date.parse(consent.expiresAt);
  return !Number.isNaN(end) && end - now <= days * DAY_MS;
}

/** "Lending": the lender's name for the product, else the identifier capitalised. */
export function productName(identifier: string | undefined, names: Record<string, string>): string {
  if (!identifier) {
    return "Sharing with your lender";
  }
  return names[identifier] ?? identifier.charAt(0).toUpperCase() + identifier.slice(1);
}

/** The confirmation's sentences: what the product loses, what keeps working, and whether the connection ends. */
export function impactSentences(impact: ConsentImpact, product: string, platformName: string): string[] {
  const sentences: string[] = [];
  const connection = impact.connections.find((c) => c.platformName === platformName) ?? impact.connections[0];
  const stops = (connection?.stopsSyncing ?? []).map(plainDataType);
  const lost = impact.products.flatMap((p) => p.dataTypes).map(plainDataType);
  sentences.push(`${product} will no longer receive your ${listText([...new Set(lost)])} from ${platformName}.`);
  if (connection && stops.length && stops.length < lost.length) {
    sentences.push(`We stop fetching your ${listText(stops)}; the rest is still shared for your other products.`);
  } else if (connection && stops.length === 0 && !connection.unlinked) {
    sentences.push(`Your other products still use this data, so ${platformName} keeps updating it.`);
  }
  if (connection?.unlinked) {
    sentences.push(`Nothing else uses ${platformName}, so it will be disconnected.`);
  }
  return sentences;
}
