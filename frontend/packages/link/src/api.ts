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

/** What the upload screen states up front, from the server's configuration. */
export interface UploadLimits {
  maxFileSizeBytes: number;
  maxFilesPerUpload: number;
  allowedTypes: string[];
  /** Endings with their dot, e.g. ".pdf", for the file input's accept. */
  allowedExtensions: string[];
}

/** A file the server stored; statements say whether they could be read. */
export interface UploadedFile {
  id: string;
  fileName: string;
  kind: string;
  size: number;
  statementStatus?: "Read" | "Unreadable";
  statementError?: string;
}

export interface Uploads {
  limits: UploadLimits;
  consented: boolean;
  files: UploadedFile[];
}

/** The Link API's endpoints for one company, over the core's client (no retryable statuses beyond 5xx and 429). */
export class LinkApi {
  private readonly http: HttpClient;
  private readonly root: string;

  constructor(baseUrl: string, companyId: string, private readonly token: string) {
    this.http = new HttpClient(baseUrl, token);
    this.root = `/link/api/companies/${encodeURIComponent(companyId)}`;
  }

  uploads(): Promise<Uploads> {
    return this.call("GET", "/uploads");
  }

  /** The customer's consent to share what they upload, with the text exactly as shown. */
  recordUploadConsent(text: string, channel: "Link" | "HostedLink"): Promise<unknown> {
    return this.call("POST", "/uploads/consent", { text, channel });
  }

  /** Sends the files as one multipart upload; XMLHttpRequest because fetch cannot report upload progress. */
  uploadFiles(files: File[], progress: (percent: number) => void): Promise<UploadedFile[]> {
    const form = new FormData();
    files.forEach((f) => form.append("file", f, f.name));
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", this.http.base + this.root + "/uploads/files");
      xhr.setRequestHeader("Authorization", `Bearer ${this.token}`);
      xhr.upload.onprogress = (e) => e.lengthComputable && progress(Math.round((e.loaded * 100) / e.total));
      xhr.onload = () => {
        const body = (() => { try { return JSON.parse(xhr.responseText); } catch { return {}; } })();
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(body as UploadedFile[]);
        } else {
          reject(new Error(body.error ?? `The server answered ${xhr.status}.`));
        }
      };
      xhr.onerror = () => reject(new Error("The upload did not reach the server. Check your connection and try again."));
      xhr.send(form);
    });
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
