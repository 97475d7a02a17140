// The Link API on the Bridgekeeper server, called with the company access token.

import { HttpClient } from "@bridgekeeper/link-core";
import type { JourneyStep } from "./funnel.js";
import type { SourceType } from "./types.js";

export interface LinkCompany {
  companyId: string;
  companyName: string;
  /** The lender as the profile has it; `name` is absent until the profile is named. */
  lender: { name?: string; logoUrl?: string; supportEmail?: string; privacyPolicyUrl?: string };
  /** Where Hosted Link's Done sends the customer (the profile's redirect); absent without one. */
  returnUrl?: string;
}

export interface LinkIntegration {
  key: string;
  name: string;
  /** The platform's wide logo. */
  logoUrl?: string;
  /** Its square icon, for the picker's tiles and the cards. */
  iconUrl?: string;
  sourceType: SourceType;
  sandbox: boolean;
  dataTypes: string[];
}

/** A product that uses a Linked connection's source type but has no Active consent on it yet. */
export interface PendingConsent {
  productIdentifier: string;
  productName: string;
  purpose?: string;
  sourceType: string;
  dataTypes: string[];
  connectionId: string;
  platformName: string;
}

/** One product's consent sections for a source type, rendered by the server for the company. */
export interface ProductConsentText {
  productIdentifier: string;
  productName: string;
  sourceType: string;
  textVersion?: string;
  locale?: string;
  dataTypes: string[];
  heading: string;
  sections: { title: string; body: string }[];
  /** The heading and sections joined, exactly as the server renders them for a record. */
  text: string;
}

export interface LinkConnection {
  id: string;
  integrationId: string;
  integrationKey: string;
  sourceId: string;
  sourceType: SourceType;
  platformName: string;
  linkUrl: string;
  status: "PendingAuth" | "Linked" | "Unlinked" | "Deauthorized";
  organisationName?: string;
  errorCount: number;
  lastError?: { statusCode?: string; errorMessage?: string; erroredOnUtc?: string };
}

/** The Link API's endpoints for one company, over the core's client (no retryable statuses beyond 5xx and 429). */
export class LinkApi {
  private readonly http: HttpClient;
  private readonly root: string;

  constructor(baseUrl: string, companyId: string, token: string) {
    this.http = new HttpClient(baseUrl, token);
    this.root = `/link/api/companies/${encodeURIComponent(companyId)}`;
  }

  company(): Promise<LinkCompany> {
    return this.call("GET", "");
  }

  integrations(sourceType: SourceType, showSandbox: boolean, allowed?: string[]): Promise<LinkIntegration[]> {
    const query = new URLSearchParams({ sourceType, showSandboxIntegrations: String(showSandbox) });
    if (allowed?.length) {
      query.set("allowedIntegrations", allowed.join(","));
    }
    return this.call("GET", `/integrations?${query}`);
  }

  createConnection(platformKey: string): Promise<LinkConnection> {
    return this.call("POST", "/connections", { platformKey });
  }

  connection(id: string): Promise<LinkConnection> {
    return this.call("GET", `/connections/${encodeURIComponent(id)}`);
  }

  recordConsent(connectionId: string, sourceType: SourceType | string, text: string, channel: "Link" | "HostedLink",
      productIdentifier?: string, textVersion?: string, locale?: string): Promise<unknown> {
    return this.call("POST", "/consents", { connectionId, sourceType, text, channel, productIdentifier, textVersion,
      locale });
  }

  /** The consent texts of the company's products that use the source type; empty without products. */
  consentTexts(sourceType: SourceType, platformKey: string): Promise<ProductConsentText[]> {
    return this.call("GET", `/consentTexts?${new URLSearchParams({ sourceType, platformKey })}`);
  }

  /** The company's products still needing consent on connections it has already linked. */
  pendingConsents(): Promise<PendingConsent[]> {
    return this.call("GET", "/consents/pending");
  }

  /** The funnel's beacon (answers 204: nothing to read). */
  journeyStep(step: JourneyStep): Promise<unknown> {
    return this.call("POST", "/journeySteps", step);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.http.request(method, this.root + path, body);
  }
}

/** Hosted Link: spends the page's one-time link token for the tab's own token (no credential needed to ask). */
export async function redeemLinkToken(baseUrl: string, companyId: string, linkToken: string): Promise<string> {
  const answer = await new HttpClient(baseUrl, "").request<{ accessToken: string }>("POST",
    `/link/${encodeURIComponent(companyId)}`, { token: linkToken });
  return answer.accessToken;
}
