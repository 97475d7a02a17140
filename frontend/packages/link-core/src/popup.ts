// The platform's sign-in window and the watch on the connection while the customer is there.
// Both components open it inside the customer's click (so it is not blocked), poll the connection, and
// give a closed window a grace period so a callback that is just landing is not called a cancellation.

import type { ErrorArgs } from "./http.js";

export const POLL_MS = 1000;
export const POPUP_FEATURES = "popup=yes,width=520,height=720";

/** Polls this many intervals after the window is gone before calling it closed without a result. */
const GRACE_POLLS = 3;

/** A window sized for the provider's page. */
export function openWindow(name: string, url = ""): Window | null {
  return window.open(url, name, POPUP_FEATURES);
}

/** Screens this narrow sign in at the platform in the same tab: a popup would cover the page anyway. */
export const SMALL_SCREEN = "(max-width: 480px)";

/** True on a small screen, where the same tab goes to the platform instead of a popup. */
export function smallScreen(): boolean {
  return window.matchMedia?.(SMALL_SCREEN).matches === true;
}

/** The window for a new sign-in, opened in the click; null on a small screen, where the same tab goes instead. */
export function openPlatformWindow(name: string, url = ""): Window | null {
  return smallScreen() ? null : openWindow(name, url);
}

/** Closes a window this page opened; one the customer already closed is fine. */
export function closeWindow(popup: Window | null | undefined): void {
  try {
    popup?.close();
  } catch {
    // already gone
  }
}

/** The fields of a connection the watch reads (the Link API's connection and its state answer both have them). */
export interface PolledConnection {
  id: string;
  status: string;
  errorCount: number;
  lastError?: { statusCode?: string; errorMessage?: string };
}

export type WatchResult<C extends PolledConnection> =
  /** The platform's callback linked the connection. */
  | { kind: "linked"; connection: C }
  /** A new error on the connection: the customer denied access (cancelled) or the platform failed. */
  | { kind: "failed"; connection: C; cancelled: boolean }
  /** The window was gone for the grace period with neither. */
  | { kind: "closed" }
  /** The connection could not be read. */
  | { kind: "unreachable"; error: unknown };

/** A platform's failure as onError reports it; the connection id is the support reference. */
export function platformError(connection: PolledConnection): ErrorArgs {
  return { message: connection.lastError?.errorMessage, correlationId: connection.id,
    errorCode: Number(connection.lastError?.statusCode) || undefined, userRecoverable: true };
}

/**
 * Polls the connection every POLL_MS until it is linked, gains an error beyond `baseline`, or the window has
 * been gone for the grace period; then calls `done` once. Without a window (back from the same-tab sign-in)
 * the grace period starts at the first poll.
 */
export class ConnectionWatch<C extends PolledConnection> {
  private timer?: ReturnType<typeof setTimeout>;
  private goneSince?: number;
  private stopped = false;

  constructor(private readonly read: () => Promise<C>, private readonly baseline: number,
      public popup: Window | null, private readonly done: (result: WatchResult<C>) => void,
      private readonly pollMs = POLL_MS) {
    this.schedule();
  }

  /** A new window for the same sign-in (the customer asked to reopen it). */
  reopen(name: string, url: string): void {
    this.popup = openWindow(name, url);
    this.goneSince = undefined;
  }

  /** Stops polling without a result; the window stays as it is. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), this.pollMs);
  }

  private finish(result: WatchResult<C>): void {
    this.stop();
    this.done(result);
  }

  private async tick(): Promise<void> {
    let now: C;
    try {
      now = await this.read();
    } catch (error) {
      if (!this.stopped) {
        this.finish({ kind: "unreachable", error });
      }
      return;
    }
    if (this.stopped) {
      return;
    }
    if (now.status === "Linked") {
      this.finish({ kind: "linked", connection: now });
    } else if (now.errorCount > this.baseline) {
      this.finish({ kind: "failed", connection: now, cancelled: now.lastError?.statusCode === "403" });
    } else if (this.popup === null || this.popup.closed) {
      this.goneSince ??= Date.now();
      if (Date.now() - this.goneSince > GRACE_POLLS * this.pollMs) {
        this.finish({ kind: "closed" });
      } else {
        this.schedule();
      }
    } else {
      this.goneSince = undefined;
      this.schedule();
    }
  }
}
