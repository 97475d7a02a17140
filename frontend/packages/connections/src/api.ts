// The manage-connections endpoints of the Link API and the company's consents, called with the company access
// token through the core's client. 409 is retryable here: the connection changed while the customer looked.

import { HttpClient } from "@bridgekeeper/link-core";
import type { ConsentImpact, ConsentRecord } from "./consents.js";
import type { ConnectionState, DisconnectImpact, ManagedConnection } from "./model.js";

export type { ConnectionState, DisconnectImpact, ManagedConnection } from "./model.js";

export class ConnectionsApi {
  private readonly http: HttpClient;
  private readonly root: string;
  private readonly consentsRoot: string;

  constructor(baseUrl: string, companyId: string, token: string) {
    this.http = new HttpClient(baseUrl, token, [409]);
    this.root = `/link/api/companies/${encodeURIComponent(companyId)}`;
    this.consentsRoot = `/companies/${encodeURIComponent(companyId)}/consents`;
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

  private call<T>(method: string, path: string, body?: unknown, root = this.root): Promise<T> {
    return this.http.request(method, root + path, body);
  }
}
