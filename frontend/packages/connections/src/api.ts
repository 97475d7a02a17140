// The manage-connections endpoints of the Link API, called with the company access token.

import type { ConsentImpact, ConsentRecord } from "./consents.js";
import type { ConnectionStatus, ConnectionsErrorArgs } from "./types.js";

export interface ManagedConnection {
  id: string;
  integrationKey: string;
  platformName: string;
  sourceType: string;
  logoUrl?: string;
  status: ConnectionStatus;
  organisationName?: string;
  /** When the customer started connecting it. */
  created: string;
  /** When the customer first authorised it (older servers may not send it). */
  firstLinked?: string;
  lastSync?: string;
  linkUrl: string;
}

/** What stops if a connection is disconnected: data types no longer updated and the products relying on it. */
export interface DisconnectImpact {
  connectionId: string;
  platformName: string;
  dataTypes: string[];
  products: { productIdentifier: string; name: string }[];
}

export interface ConnectionState {
  id: string;
  status: ConnectionStatus;
  errorCount: number;
  lastError?: { statusCode?: string; errorMessage?: string };
}

export class ConnectionsApiError extends Error {
  constructor(readonly details: ConnectionsErrorArgs) {
    super(details.message);
  }
}

export class ConnectionsApi {
  private readonly root: string;
  private readonly consentsRoot: string;

  constructor(baseUrl: string, companyId: string, private readonly token: string) {
    const base = baseUrl.replace(/\/$/, "");
    this.root = `${base}/link/api/companies/${encodeURIComponent(companyId)}`;
    this.consentsRoot = `${base}/companies/${encodeURIComponent(companyId)}/consents`;
  }

  /** Every consent record of the company (all statuses; the component keeps the Active ones). */
  async consents(): Promise<ConsentRecord[]> {
    const all: ConsentRecord[] = [];
    for (let page = 1; page <= 20; page++) {
      const answer = await this.call<{ results: ConsentRecord[]; totalResults: number }>("GET",
        `?page=${page}&pageSize=500`, undefined, this.consentsRoot);
      all.push(...answer.results);
      if (all.length >= answer.totalResults || answer.results.length === 0) {
        break;
      }
    }
    return all;
  }

  consentImpact(id: string): Promise<ConsentImpact> {
    return this.call("GET", `/${encodeURIComponent(id)}/impact`, undefined, this.consentsRoot);
  }

  revokeConsent(id: string, reason: string): Promise<ConsentRecord> {
    return this.call("POST", `/${encodeURIComponent(id)}/revoke`, { reason }, this.consentsRoot);
  }

  reconfirmConsent(id: string): Promise<ConsentRecord> {
    return this.call("POST", `/${encodeURIComponent(id)}/reconfirm`, { channel: "Link" }, this.consentsRoot);
  }

  lender(): Promise<{ companyName: string; lender: { name?: string } }> {
    return this.call("GET", "");
  }

  list(): Promise<ManagedConnection[]> {
    return this.call("GET", "/connections");
  }

  impact(id: string): Promise<DisconnectImpact> {
    return this.call("GET", `/connections/${encodeURIComponent(id)}/impact`);
  }

  disconnect(id: string): Promise<ManagedConnection> {
    return this.call("PATCH", `/connections/${encodeURIComponent(id)}`, { status: "Unlinked" });
  }

  state(id: string): Promise<ConnectionState> {
    return this.call("GET", `/connections/${encodeURIComponent(id)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown, root = this.root): Promise<T> {
    let response: Response;
    try {
      response = await fetch(root + path, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new ConnectionsApiError({ message: "We could not reach the server. Check your connection and try again.",
        userRecoverable: true });
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({})) as { error?: string; correlationId?: string };
      throw new ConnectionsApiError({
        correlationId: problem.correlationId ?? response.headers.get("X-Correlation-Id") ?? undefined,
        message: problem.error ?? `The server answered ${response.status}.`,
        errorCode: response.status,
        userRecoverable: response.status >= 500 || response.status === 429 || response.status === 409,
      });
    }
    return response.json() as Promise<T>;
  }
}
