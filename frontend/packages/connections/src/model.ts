// What the manage-connections endpoints answer (the fields the component uses). Plain types, so the published
// declarations need nothing beyond this package.

import type { ConnectionStatus } from "./types.js";

export interface ManagedConnection {
  id: string;
  integrationKey: string;
  platformName: string;
  sourceType: string;
  logoUrl?: string;
  /** The platform's square icon. */
  iconUrl?: string;
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
