// The one HTTP client of the Link API (and the consents API next to it), called with the company access
// token. Every failure becomes an ApiError whose details are what onError hands the lender.

/** What onError receives: Codat's ErrorCallbackArgs shape. */
export interface ErrorArgs {
  correlationId?: string;
  message?: string;
  errorCode?: number;
  userRecoverable: boolean;
}

export class ApiError extends Error {
  constructor(readonly details: ErrorArgs) {
    super(details.message);
  }
}

export const UNREACHABLE = "We could not reach the server. Check your connection and try again.";

export class HttpClient {
  /** The server's URL without a trailing slash. */
  readonly base: string;

  /**
   * @param retryable statuses besides 5xx and 429 that the customer can retry: manage connections adds 409
   *   (the connection changed meanwhile); the journey adds none
   */
  constructor(baseUrl: string, private readonly token: string, private readonly retryable: readonly number[] = []) {
    this.base = baseUrl.replace(/\/$/, "");
  }

  /** Calls base + path; a JSON body goes with its Content-Type. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        // no token (Hosted Link redeeming its link): no Authorization header, which the server would refuse empty
        headers: { ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
          ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new ApiError({ message: UNREACHABLE, userRecoverable: true });
    }
    if (!response.ok) {
      // Codat's ErrorMessage body; a proxy's page has none, then the header still carries the reference
      const problem = await response.json().catch(() => ({})) as { error?: string; correlationId?: string };
      const status = response.status;
      throw new ApiError({
        correlationId: problem.correlationId ?? response.headers.get("X-Correlation-Id") ?? undefined,
        message: problem.error ?? `The server answered ${status}.`,
        errorCode: status,
        userRecoverable: status >= 500 || status === 429 || this.retryable.includes(status),
      });
    }
    return response.json() as Promise<T>;
  }
}

/** An ApiError's details; anything else (a bug, an unreadable answer) with the caller's recoverability. */
export function errorArgs(e: unknown, userRecoverable: boolean): ErrorArgs {
  return e instanceof ApiError ? e.details : { message: e instanceof Error ? e.message : String(e), userRecoverable };
}

/** The origin this bundle was loaded from (sdk.js or connections.js are served by the server they talk to). */
export function defaultBaseUrl(): string {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return location.origin;
  }
}
