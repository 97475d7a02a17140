// Props of <bridgekeeper-connections> and initializeConnections.

export type ConnectionStatus = "PendingAuth" | "Linked" | "Unlinked" | "Deauthorized";

export interface ConnectionEventArgs {
  connectionId: string;
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
}

export interface ConnectionsProps {
  companyId: string;
  /** The company access token from GET /companies/{companyId}/accessToken on the lender's back end. */
  accessToken: string;
  onDisconnect?: (args: ConnectionEventArgs) => void;
  onReconnect?: (args: ConnectionEventArgs) => void;
  /** When given, a close button is shown and calls it. */
  onClose?: () => void;
  onError?: (args: ConnectionsErrorArgs) => void;
  options?: ConnectionsOptions;
  /** The server's URL; defaults to the origin connections.js was loaded from. */
  baseUrl?: string;
}
