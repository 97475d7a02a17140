// Manage connections as a pure state machine: no DOM, no network. `transition` takes the state and an event (a
// click, or an answer from the server or the platform window) and returns the next state and the effects for
// <bridgekeeper-connections> to carry out in order. The list and its dialogs render from the state alone.

import type { ConsentImpact, ConsentRecord } from "./consents.js";
import { productName } from "./consents.js";
import { copy } from "./copy.js";
import { formatDate } from "./format.js";
import type { DisconnectImpact, ManagedConnection } from "./model.js";
import type { ConnectionEventArgs, ConnectionsErrorArgs, ConnectionsOptions, ConsentEventArgs } from "./types.js";

export type Screen = "loading" | "list" | "failed";

export interface Confirming {
  connection: ManagedConnection;
  impact?: DisconnectImpact;
  busy: boolean;
}

export interface StoppingConsent {
  consent: ConsentRecord;
  connection: ManagedConnection;
  impact?: ConsentImpact;
  busy: boolean;
}

export interface ManageState {
  screen: Screen;
  options: ConnectionsOptions;
  lenderName: string;
  connections: ManagedConnection[];
  consents: ConsentRecord[];
  failure?: ConnectionsErrorArgs;
  /** The disconnect confirmation, while open. */
  confirming?: Confirming;
  /** The stop-sharing confirmation for one product, while open. */
  stopping?: StoppingConsent;
  /** The consent whose renewal is on its way. */
  renewing?: string;
  /** The connection being signed in again at its platform. */
  reconnecting?: ManagedConnection;
  /** Read out by the live region. */
  announcement: string;
  /** Shown as an alert above the list. */
  notice: string;
  /** Where focus goes back when a dialog closes without a change. */
  returnFocusTo?: string;
}

/** What waits in this tab's session storage while the customer reconnects in the same tab. */
export interface SuspendedReconnect {
  connectionId?: string;
  baseline?: number;
}

export type WatchOutcome =
  | { kind: "linked" }
  | { kind: "failed"; cancelled: boolean; error: ConnectionsErrorArgs }
  | { kind: "closed" }
  | { kind: "unreachable"; error: ConnectionsErrorArgs };

/** The list and the consents as the server has them now. */
export interface Refreshed {
  connections: ManagedConnection[];
  consents: ConsentRecord[];
}

export type ManageEvent =
  | { type: "start"; options: ConnectionsOptions }
  | { type: "loaded"; lenderName?: string; connections: ManagedConnection[]; consents: ConsentRecord[];
    suspended?: SuspendedReconnect }
  | { type: "loadFailed"; error: ConnectionsErrorArgs }
  | { type: "refreshed"; refreshed: Refreshed }
  // disconnect
  | { type: "disconnectAsked"; connection: ManagedConnection }
  | { type: "impactLoaded"; connectionId: string; impact: DisconnectImpact }
  | { type: "impactFailed"; connectionId: string; error: ConnectionsErrorArgs }
  | { type: "disconnectConfirmed" }
  | { type: "disconnected"; refreshed: Refreshed }
  | { type: "disconnectFailed"; error: ConnectionsErrorArgs }
  // one product's consent
  | { type: "stopAsked"; consent: ConsentRecord; connection: ManagedConnection }
  | { type: "consentImpactLoaded"; consentId: string; impact: ConsentImpact }
  | { type: "consentImpactFailed"; consentId: string; error: ConnectionsErrorArgs }
  | { type: "stopConfirmed" }
  | { type: "stopped"; refreshed: Refreshed }
  | { type: "stopFailed"; error: ConnectionsErrorArgs }
  /** Keep connected, Keep sharing or Escape: the open dialog closes without a change. */
  | { type: "dialogCancelled" }
  | { type: "renewAsked"; consent: ConsentRecord; connection: ManagedConnection }
  | { type: "renewed"; consent: ConsentRecord; connection: ManagedConnection; renewed: ConsentRecord; refreshed: Refreshed }
  | { type: "renewFailed"; consent: ConsentRecord; connection: ManagedConnection; error: ConnectionsErrorArgs }
  // reconnect
  | { type: "reconnectAsked"; connection: ManagedConnection }
  | { type: "reconnectStarted"; connection: ManagedConnection; baseline: number; popup: boolean }
  | { type: "reconnectFailed"; connection: ManagedConnection; error: ConnectionsErrorArgs }
  | { type: "watched"; outcome: WatchOutcome }
  /** After a reconnect: the refreshed list, or none when it could not be read. */
  | { type: "reconnected"; connection: ManagedConnection; refreshed?: Refreshed }
  | { type: "reopen" }
  | { type: "closed" };

export type ManageEventType = ManageEvent["type"];

export type ManageEffect =
  | { kind: "load" }
  /** The list and consents again, failures ignored (after an error the list may have changed anyway). */
  | { kind: "refresh" }
  | { kind: "loadImpact"; connectionId: string }
  | { kind: "loadConsentImpact"; consentId: string }
  | { kind: "disconnect"; connectionId: string }
  | { kind: "revoke"; consentId: string; reason: string }
  | { kind: "renew"; consent: ConsentRecord; connection: ManagedConnection }
  /** Opens the platform's window now, inside the customer's click, so the browser does not block it. */
  | { kind: "openWindow"; url: string }
  | { kind: "startReconnect"; connection: ManagedConnection }
  | { kind: "leaveForPlatform"; saved: SuspendedReconnect; url: string }
  | { kind: "watch"; connectionId: string; baseline: number }
  | { kind: "reopenWindow"; url: string }
  /** Stops watching and closes the platform's window. */
  | { kind: "endWatch" }
  | { kind: "refreshAfterReconnect"; connection: ManagedConnection }
  | { kind: "onError"; error: ConnectionsErrorArgs }
  | { kind: "onDisconnect"; args: ConnectionEventArgs }
  | { kind: "onReconnect"; args: ConnectionEventArgs }
  | { kind: "onConsentRevoked"; args: ConsentEventArgs }
  | { kind: "onConsentRenewed"; args: ConsentEventArgs }
  | { kind: "onClose" }
  /** After the next render, focus the element the selector names. */
  | { kind: "focus"; selector: string };

export type Transition = [ManageState, ManageEffect[]];

export const DEFAULT_RENEW_WITHIN_DAYS = 14;

export function initialManage(options: ConnectionsOptions = {}): ManageState {
  return { screen: "loading", options, lenderName: "", connections: [], consents: [], announcement: "", notice: "" };
}

/** The lender's name for a product, else the identifier capitalised. */
export function productOf(state: ManageState, identifier?: string): string {
  return productName(identifier, state.options.productNames ?? {});
}

const ANYWHERE: readonly ManageEventType[] = ["start", "closed"];
const ACCEPTS: Record<Screen, readonly ManageEventType[]> = {
  loading: ["loaded", "loadFailed"],
  failed: [],
  list: ["refreshed", "disconnectAsked", "impactLoaded", "impactFailed", "disconnectConfirmed", "disconnected",
    "disconnectFailed", "stopAsked", "consentImpactLoaded", "consentImpactFailed", "stopConfirmed", "stopped", "stopFailed",
    "dialogCancelled", "renewAsked", "renewed", "renewFailed", "reconnectAsked", "reconnectStarted", "reconnectFailed",
    "watched", "reconnected", "reopen"],
};

export function accepts(state: ManageState, type: ManageEventType): boolean {
  return ANYWHERE.includes(type) || ACCEPTS[state.screen].includes(type);
}

function say(state: ManageState, announcement: string, notice = "", patch: Partial<ManageState> = {}): ManageState {
  return { ...state, ...patch, announcement, notice };
}

const reason = (error: ConnectionsErrorArgs) => error.message ?? copy.pleaseRetry;
const consentArgs = (consent: ConsentRecord, connection: ManagedConnection): ConsentEventArgs =>
  ({ consentId: consent.id, connectionId: connection.id, productIdentifier: consent.productIdentifier });

function resume(state: ManageState, saved: SuspendedReconnect | undefined): Transition {
  const connection = state.connections.find((c) => c.id === saved?.connectionId);
  if (!connection) {
    return [state, []];
  }
  return connection.status === "Linked"
    ? [say(state, copy.reconnected(connection.platformName)), [{ kind: "onReconnect", args: { connectionId: connection.id } }]]
    : [say(state, "", copy.notReconnected(connection.platformName)), []];
}

function watched(state: ManageState, r: ManagedConnection, outcome: WatchOutcome): Transition {
  const done = { ...state, reconnecting: undefined };
  const end: ManageEffect = { kind: "endWatch" };
  switch (outcome.kind) {
    case "linked":
      return [done, [end, { kind: "refreshAfterReconnect", connection: r }]];
    case "failed":
      // a cancellation is the customer's choice, not an error
      return [say(done, "", copy.notReconnected(r.platformName)),
        outcome.cancelled ? [end] : [end, { kind: "onError", error: outcome.error }]];
    case "closed":
      return [say(done, "", copy.notReconnected(r.platformName)), [end]];
    case "unreachable":
      return [say(done, "", copy.reconnectUnchecked(r.platformName)), [end, { kind: "onError", error: outcome.error }]];
  }
}

/** The next state and what to do; an event the current screen does not take changes nothing. */
export function transition(state: ManageState, event: ManageEvent): Transition {
  if (!accepts(state, event.type)) {
    return [state, []];
  }
  switch (event.type) {
    case "start":
      return [initialManage(event.options), [{ kind: "endWatch" }, { kind: "load" }]];
    case "loaded":
      return resume({ ...state, screen: "list", lenderName: event.lenderName || copy.someLender,
        connections: event.connections, consents: event.consents }, event.suspended);
    case "loadFailed":
      return [{ ...state, screen: "failed", failure: event.error }, [{ kind: "onError", error: event.error }]];
    case "refreshed":
      return [{ ...state, ...event.refreshed }, []];

    case "disconnectAsked": {
      const c = event.connection;
      return [{ ...state, confirming: { connection: c, busy: true }, returnFocusTo: `[data-disconnect="${c.id}"]` },
        [{ kind: "loadImpact", connectionId: c.id }]];
    }
    case "impactLoaded":
      // the customer may have closed the dialog meanwhile
      return state.confirming?.connection.id === event.connectionId
        // the safe choice takes the focus: Enter right away keeps the connection
        ? [{ ...state, confirming: { connection: state.confirming.connection, impact: event.impact, busy: false } },
          [{ kind: "focus", selector: ".dialog .secondary" }]]
        : [state, []];
    case "impactFailed": {
      const c = state.confirming?.connection;
      if (c?.id !== event.connectionId) {
        return [state, []];
      }
      return [say(state, "", copy.disconnectUnchecked(c.platformName), { confirming: undefined }),
        [{ kind: "onError", error: event.error }]];
    }
    case "disconnectConfirmed":
      return state.confirming && !state.confirming.busy
        ? [{ ...state, confirming: { ...state.confirming, busy: true } },
          [{ kind: "disconnect", connectionId: state.confirming.connection.id }]]
        : [state, []];
    case "disconnected": {
      const c = state.confirming?.connection;
      if (!c) {
        return [state, []];
      }
      return [say(state, copy.disconnected(c.platformName), "", { ...event.refreshed, confirming: undefined }),
        [{ kind: "onDisconnect", args: { connectionId: c.id } }, { kind: "focus", selector: `[data-reconnect="${c.id}"]` }]];
    }
    case "disconnectFailed": {
      const c = state.confirming?.connection;
      if (!c) {
        return [state, []];
      }
      return [say(state, "", copy.notDisconnected(c.platformName, reason(event.error)), { confirming: undefined }),
        [{ kind: "onError", error: event.error }, { kind: "refresh" }]];
    }

    case "stopAsked": {
      const { consent, connection } = event;
      return [{ ...state, stopping: { consent, connection, busy: true }, returnFocusTo: `[data-stop="${consent.id}"]` },
        [{ kind: "loadConsentImpact", consentId: consent.id }]];
    }
    case "consentImpactLoaded":
      return state.stopping?.consent.id === event.consentId
        ? [{ ...state, stopping: { ...state.stopping, impact: event.impact, busy: false } },
          [{ kind: "focus", selector: ".dialog .secondary" }]]
        : [state, []];
    case "consentImpactFailed": {
      const s = state.stopping;
      if (s?.consent.id !== event.consentId) {
        return [state, []];
      }
      return [say(state, "", copy.stopUnchecked(productOf(state, s.consent.productIdentifier)), { stopping: undefined }),
        [{ kind: "onError", error: event.error }]];
    }
    case "stopConfirmed":
      return state.stopping && !state.stopping.busy
        ? [{ ...state, stopping: { ...state.stopping, busy: true } },
          [{ kind: "revoke", consentId: state.stopping.consent.id, reason: copy.revokeReason }]]
        : [state, []];
    case "stopped": {
      const s = state.stopping;
      if (!s) {
        return [state, []];
      }
      // the last product's consent unlinks the connection: its products go and Reconnect is what is left to focus
      const stillLinked = event.refreshed.connections.find((c) => c.id === s.connection.id)?.status === "Linked";
      return [say(state, copy.stopped(s.connection.platformName, productOf(state, s.consent.productIdentifier)), "",
        { ...event.refreshed, stopping: undefined }),
      [{ kind: "onConsentRevoked", args: consentArgs(s.consent, s.connection) },
        { kind: "focus", selector: stillLinked ? `[data-consents="${s.connection.id}"]`
          : `[data-reconnect="${s.connection.id}"]` }]];
    }
    case "stopFailed": {
      const s = state.stopping;
      if (!s) {
        return [state, []];
      }
      return [say(state, "", copy.notStopped(productOf(state, s.consent.productIdentifier), reason(event.error)),
        { stopping: undefined }), [{ kind: "onError", error: event.error }, { kind: "refresh" }]];
    }
    case "dialogCancelled":
      return state.confirming || state.stopping
        ? [{ ...state, confirming: undefined, stopping: undefined },
          state.returnFocusTo ? [{ kind: "focus", selector: state.returnFocusTo }] : []]
        : [state, []];

    case "renewAsked":
      return [{ ...state, renewing: event.consent.id }, [{ kind: "renew", consent: event.consent,
        connection: event.connection }]];
    case "renewed": {
      const { consent, connection } = event;
      const until = formatDate(event.renewed.expiresAt, state.options.locale);
      return [say(state, copy.renewed(connection.platformName, productOf(state, consent.productIdentifier), until), "",
        { ...event.refreshed, renewing: undefined }),
      [{ kind: "onConsentRenewed", args: consentArgs(consent, connection) },
        { kind: "focus", selector: `[data-consents="${connection.id}"]` }]];
    }
    case "renewFailed":
      return [say(state, "", copy.notRenewed(productOf(state, event.consent.productIdentifier), reason(event.error)),
        { renewing: undefined }), [{ kind: "onError", error: event.error },
        { kind: "focus", selector: `[data-consents="${event.connection.id}"]` }]];

    case "reconnectAsked":
      return state.reconnecting ? [state, []] : [state, [{ kind: "openWindow", url: event.connection.linkUrl },
        { kind: "startReconnect", connection: event.connection }]];
    case "reconnectStarted": {
      const c = event.connection;
      if (!event.popup) {
        // popup blocked or a small screen: this tab goes to the platform and comes back to this page's address
        return [state, [{ kind: "leaveForPlatform", saved: { connectionId: c.id, baseline: event.baseline }, url: c.linkUrl }]];
      }
      return [say(state, copy.waiting(c.platformName), "", { reconnecting: c }),
        [{ kind: "watch", connectionId: c.id, baseline: event.baseline }]];
    }
    case "reconnectFailed":
      return [say(state, "", copy.reconnectUnstarted(event.connection.platformName)),
        [{ kind: "endWatch" }, { kind: "onError", error: event.error }]];
    case "watched":
      return state.reconnecting ? watched(state, state.reconnecting, event.outcome) : [state, []];
    case "reconnected": {
      const c = event.connection;
      return [say(state, copy.reconnected(c.platformName), "", event.refreshed ?? {}),
        [{ kind: "onReconnect", args: { connectionId: c.id } }, { kind: "focus", selector: `[data-disconnect="${c.id}"]` }]];
    }
    case "reopen":
      return state.reconnecting ? [state, [{ kind: "reopenWindow", url: state.reconnecting.linkUrl }]] : [state, []];
    case "closed":
      return [state, [{ kind: "onClose" }]];
  }
}
