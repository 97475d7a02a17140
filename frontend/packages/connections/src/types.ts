// Props of <bridgekeeper-connections> and initializeConnections.

export type ConnectionStatus = "PendingAuth" | "Linked" | "Unlinked" | "Deauthorized";

export interface ConnectionEventArgs {
  connectionId: string;
}

/** A product's consent the customer stopped or renewed on a connection. */
export interface ConsentEventArgs {
  consentId: string;
  connectionId: string;
  productIdentifier?: string;
}

export interface ConnectionsErrorArgs {
  correlationId?: string;
  message?: string;
  errorCode?: number;
  userRecoverable: boolean;
}

export interface ConnectionsOptions {
  theme?: { colors?: { primary?: string } };
  /** BCP 47 locale for dates, e.g. "en-GB"; defaults to the browser's. */
  locale?: string;
  /** What happens to data already shared when the customer disconnects, in the lender's words. */
  retentionText?: string;
  /** Names of the products (use cases) by identifier, e.g. {"lending": "Your business loan"}. */
  productNames?: Record<string, string>;
  /** "Renew" appears on a consent this many days before it ends (default 14, the reminder lead time). */
  renewWithinDays?: number;
}

export interface ConnectionsProps {
  companyId: string;
  /** The company access token from GET /companies/{companyId}/accessToken on the lender's back end. */
  accessToken: string;
  onDisconnect?: (args: ConnectionEventArgs) => void;
  onReconnect?: (args: ConnectionEventArgs) => void;
  /** The customer stopped sharing a connection for one product. */
  onConsentRevoked?: (args: ConsentEventArgs) => void;
  /** The customer renewed a product's consent that was about to end. */
  onConsentRenewed?: (args: ConsentEventArgs) => void;
  /** When given, a close button is shown and calls it. */
  onClose?: () => void;
  onError?: (args: ConnectionsErrorArgs) => void;
  options?: ConnectionsOptions;
  /** The server's URL; defaults to the origin connections.js was loaded from. */
  baseUrl?: string;
}
