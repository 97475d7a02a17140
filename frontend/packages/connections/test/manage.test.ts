// Manage connections' state machine on its own: every screen against every event, then each transition's state
// and effects in order. No DOM, no network.

import { describe, expect, it } from "vitest";
import type { ConsentImpact, ConsentRecord } from "../src/consents.js";
import { accepts, initialManage, transition, type ManageEffect, type ManageEvent, type ManageEventType,
  type ManageState, type Screen } from "../src/manage.js";
import type { DisconnectImpact, ManagedConnection } from "../src/model.js";

const BANK: ManagedConnection = { id: "k1", integrationKey: "sbbk", platformName: "Sandbox Banking", sourceType: "Banking",
  status: "Linked", created: "2026-03-02T10:15:00Z", linkUrl: "https://bk.example/k1/start" };
const BOOKS: ManagedConnection = { ...BANK, id: "a1", platformName: "Sandbox Accounting", sourceType: "Accounting",
  status: "Unlinked", linkUrl: "https://bk.example/a1/start" };
const LENDING: ConsentRecord = { id: "c-lending", productIdentifier: "lending", sourceType: "Banking", connectionIds: ["k1"],
  dataTypes: ["banking-accounts"], grantedAt: "2026-11-20T10:00:00Z", expiresAt: "2026-12-20T10:00:00Z", status: "Active" };
const IMPACT: DisconnectImpact = { connectionId: "k1", platformName: "Sandbox Banking", dataTypes: [], products: [] };
const CONSENT_IMPACT: ConsentImpact = { consentId: "c-lending", products: [], connections: [] };
const ERROR = { correlationId: "corr-1", message: "Refused", errorCode: 409, userRecoverable: true };
const REFRESHED = { connections: [{ ...BANK, status: "Unlinked" as const }, BOOKS], consents: [] };

function run(state: ManageState, ...events: ManageEvent[]): [ManageState, ManageEffect[]] {
  let effects: ManageEffect[] = [];
  for (const event of events) {
    [state, effects] = transition(state, event);
  }
  return [state, effects];
}

const loading = () => run(initialManage(), { type: "start", options: { productNames: { lending: "Your loan" } } })[0];
const list = () => run(loading(), { type: "loaded", lenderName: "Acme Bank", connections: [BANK, BOOKS],
  consents: [LENDING] })[0];
const failed = () => run(loading(), { type: "loadFailed", error: ERROR })[0];
const confirming = () => run(list(), { type: "disconnectAsked", connection: BANK },
  { type: "impactLoaded", connectionId: "k1", impact: IMPACT })[0];
const stopping = () => run(list(), { type: "stopAsked", consent: LENDING, connection: BANK },
  { type: "consentImpactLoaded", consentId: "c-lending", impact: CONSENT_IMPACT })[0];
const reconnecting = () => run(list(), { type: "reconnectStarted", connection: BOOKS, baseline: 2, popup: true })[0];

const ON: Record<Screen, () => ManageState> = { loading, list, failed };

const EVENTS: Record<ManageEventType, ManageEvent> = {
  start: { type: "start", options: {} },
  loaded: { type: "loaded", connections: [], consents: [] },
  loadFailed: { type: "loadFailed", error: ERROR },
  refreshed: { type: "refreshed", refreshed: REFRESHED },
  disconnectAsked: { type: "disconnectAsked", connection: BANK },
  impactLoaded: { type: "impactLoaded", connectionId: "k1", impact: IMPACT },
  impactFailed: { type: "impactFailed", connectionId: "k1", error: ERROR },
  disconnectConfirmed: { type: "disconnectConfirmed" },
  disconnected: { type: "disconnected", refreshed: REFRESHED },
  disconnectFailed: { type: "disconnectFailed", error: ERROR },
  stopAsked: { type: "stopAsked", consent: LENDING, connection: BANK },
  consentImpactLoaded: { type: "consentImpactLoaded", consentId: "c-lending", impact: CONSENT_IMPACT },
  consentImpactFailed: { type: "consentImpactFailed", consentId: "c-lending", error: ERROR },
  stopConfirmed: { type: "stopConfirmed" },
  stopped: { type: "stopped", refreshed: REFRESHED },
  stopFailed: { type: "stopFailed", error: ERROR },
  dialogCancelled: { type: "dialogCancelled" },
  renewAsked: { type: "renewAsked", consent: LENDING, connection: BANK },
  renewed: { type: "renewed", consent: LENDING, connection: BANK, renewed: LENDING, refreshed: REFRESHED },
  renewFailed: { type: "renewFailed", consent: LENDING, connection: BANK, error: ERROR },
  reconnectAsked: { type: "reconnectAsked", connection: BOOKS },
  reconnectStarted: { type: "reconnectStarted", connection: BOOKS, baseline: 0, popup: true },
  reconnectFailed: { type: "reconnectFailed", connection: BOOKS, error: ERROR },
  watched: { type: "watched", outcome: { kind: "closed" } },
  reconnected: { type: "reconnected", connection: BOOKS },
  reopen: { type: "reopen" },
  closed: { type: "closed" },
};

/** The specification: loading takes only the load's answers, a failed load only a new start, the list all. */
const TAKES: Record<Screen, ManageEventType[]> = {
  loading: ["start", "closed", "loaded", "loadFailed"],
  failed: ["start", "closed"],
  list: (Object.keys(EVENTS) as ManageEventType[]).filter((t) => t !== "loaded" && t !== "loadFailed"),
};

const kinds = (effects: ManageEffect[]) => effects.map((e) => e.kind);

describe("every screen against every event", () => {
  for (const screen of ["loading", "list", "failed"] as Screen[]) {
    const state = ON[screen]();
    for (const type of Object.keys(EVENTS) as ManageEventType[]) {
      const taken = TAKES[screen].includes(type);
      it(`${screen} ${taken ? "takes" : "ignores"} ${type}`, () => {
        expect(state.screen).toBe(screen);
        expect(accepts(state, type)).toBe(taken);
        if (!taken) {
          expect(transition(state, EVENTS[type])).toEqual([state, []]);
        }
      });
    }
  }
});

describe("loading", () => {
  it("starts fresh, ending any reconnect, and loads", () => {
    const [state, effects] = transition(reconnecting(), { type: "start", options: { locale: "en-GB" } });
    expect(state).toEqual(initialManage({ locale: "en-GB" }));
    expect(effects).toEqual([{ kind: "endWatch" }, { kind: "load" }]);
  });

  it("shows the list with the lender's name, or a stand-in without one", () => {
    expect(list()).toMatchObject({ screen: "list", lenderName: "Acme Bank", connections: [BANK, BOOKS], consents: [LENDING] });
    expect(transition(loading(), { type: "loaded", connections: [], consents: [] })[0].lenderName)
      .toBe("the company you shared it with");
  });

  it("a failed load reports the error and offers a new start", () => {
    const [state, effects] = transition(loading(), { type: "loadFailed", error: ERROR });
    expect(state).toMatchObject({ screen: "failed", failure: ERROR });
    expect(effects).toEqual([{ kind: "onError", error: ERROR }]);
  });

  it("back from reconnecting in the same tab: says how it went", () => {
    const back = (status: ManagedConnection["status"], connectionId = "a1") => transition(loading(), { type: "loaded",
      lenderName: "Acme Bank", connections: [{ ...BOOKS, status }], consents: [], suspended: { connectionId, baseline: 0 } });
    const [linked, effects] = back("Linked");
    expect(linked).toMatchObject({ announcement: "Sandbox Accounting is connected again.", notice: "" });
    expect(effects).toEqual([{ kind: "onReconnect", args: { connectionId: "a1" } }]);
    const [not, none] = back("Unlinked");
    expect(not).toMatchObject({ announcement: "", notice: "Sandbox Accounting was not reconnected — try again." });
    expect(none).toEqual([]);
    expect(back("Linked", "gone")[0]).toMatchObject({ announcement: "", notice: "" });
  });

  it("a refresh replaces the list and consents", () => {
    expect(transition(list(), { type: "refreshed", refreshed: REFRESHED })[0]).toMatchObject(REFRESHED);
  });
});

describe("disconnecting", () => {
  it("opens the dialog while the impact loads, then focuses the safe choice, Keep connected", () => {
    const [asking, effects] = transition(list(), { type: "disconnectAsked", connection: BANK });
    expect(asking.confirming).toEqual({ connection: BANK, busy: true });
    expect(asking.returnFocusTo).toBe('[data-disconnect="k1"]');
    expect(effects).toEqual([{ kind: "loadImpact", connectionId: "k1" }]);
    const [shown, focus] = transition(asking, { type: "impactLoaded", connectionId: "k1", impact: IMPACT });
    expect(shown.confirming).toEqual({ connection: BANK, impact: IMPACT, busy: false });
    expect(focus).toEqual([{ kind: "focus", selector: ".dialog .secondary" }]);
  });

  it("an impact for a dialog already closed does not reopen it", () => {
    const closed = run(list(), { type: "disconnectAsked", connection: BANK }, { type: "dialogCancelled" })[0];
    expect(transition(closed, { type: "impactLoaded", connectionId: "k1", impact: IMPACT })).toEqual([closed, []]);
    expect(transition(closed, { type: "impactFailed", connectionId: "k1", error: ERROR })).toEqual([closed, []]);
  });

  it("an impact that cannot be read closes the dialog with a notice", () => {
    const [state, effects] = run(list(), { type: "disconnectAsked", connection: BANK },
      { type: "impactFailed", connectionId: "k1", error: ERROR });
    expect(state).toMatchObject({ confirming: undefined, notice: "We couldn't check Sandbox Banking right now. Try again." });
    expect(effects).toEqual([{ kind: "onError", error: ERROR }]);
  });

  it("disconnects once, then says so, calls onDisconnect and focuses Reconnect", () => {
    const [busy, effects] = transition(confirming(), { type: "disconnectConfirmed" });
    expect(busy.confirming?.busy).toBe(true);
    expect(effects).toEqual([{ kind: "disconnect", connectionId: "k1" }]);
    expect(transition(busy, { type: "disconnectConfirmed" })).toEqual([busy, []]);
    const [done, after] = transition(busy, { type: "disconnected", refreshed: REFRESHED });
    expect(done).toMatchObject({ confirming: undefined, announcement: "Sandbox Banking is disconnected.", notice: "",
      connections: REFRESHED.connections });
    expect(after).toEqual([{ kind: "onDisconnect", args: { connectionId: "k1" } },
      { kind: "focus", selector: '[data-reconnect="k1"]' }]);
  });

  it("a refused disconnect says why, reports it and refreshes", () => {
    const [state, effects] = run(confirming(), { type: "disconnectConfirmed" }, { type: "disconnectFailed", error: ERROR });
    expect(state).toMatchObject({ confirming: undefined, notice: "Sandbox Banking was not disconnected: Refused." });
    expect(effects).toEqual([{ kind: "onError", error: ERROR }, { kind: "refresh" }]);
    const [, noReason] = run(confirming(), { type: "disconnectFailed", error: { userRecoverable: true } });
    expect(noReason).toHaveLength(2);
    expect(run(confirming(), { type: "disconnectFailed", error: { userRecoverable: true } })[0].notice)
      .toBe("Sandbox Banking was not disconnected: please try again.");
  });

  it("answers without an open dialog change nothing", () => {
    const state = list();
    for (const event of [EVENTS.disconnectConfirmed, EVENTS.disconnected, EVENTS.disconnectFailed, EVENTS.stopConfirmed,
      EVENTS.stopped, EVENTS.stopFailed, EVENTS.dialogCancelled, EVENTS.reopen, EVENTS.watched]) {
      expect(transition(state, event)).toEqual([state, []]);
    }
  });

  it("Keep connected or Escape closes the dialog and returns focus", () => {
    const [state, effects] = transition(confirming(), { type: "dialogCancelled" });
    expect(state.confirming).toBeUndefined();
    expect(effects).toEqual([{ kind: "focus", selector: '[data-disconnect="k1"]' }]);
  });
});

describe("stopping and renewing one product's sharing", () => {
  it("asks with the impact, then revokes with the customer's reason and calls onConsentRevoked", () => {
    const [asking, effects] = transition(list(), { type: "stopAsked", consent: LENDING, connection: BANK });
    expect(asking).toMatchObject({ stopping: { consent: LENDING, connection: BANK, busy: true },
      returnFocusTo: '[data-stop="c-lending"]' });
    expect(effects).toEqual([{ kind: "loadConsentImpact", consentId: "c-lending" }]);
    expect(transition(stopping(), { type: "stopConfirmed" })[1]).toEqual([{ kind: "revoke", consentId: "c-lending",
      reason: "Stopped by the customer in manage connections" }]);
    // another product still shares the connection: it stays Linked and its list keeps the focus
    const stillLinked = { connections: [BANK, BOOKS], consents: [] };
    const [done, after] = run(stopping(), { type: "stopConfirmed" }, { type: "stopped", refreshed: stillLinked });
    expect(done).toMatchObject({ stopping: undefined, announcement: "You stopped sharing Sandbox Banking for Your loan." });
    expect(after).toEqual([{ kind: "onConsentRevoked", args: { consentId: "c-lending", connectionId: "k1",
      productIdentifier: "lending" } }, { kind: "focus", selector: '[data-consents="k1"]' }]);
    expect(stopping().stopping?.busy).toBe(false);
    expect(run(list(), { type: "stopAsked", consent: LENDING, connection: BANK },
      { type: "consentImpactLoaded", consentId: "c-lending", impact: CONSENT_IMPACT })[1])
      .toEqual([{ kind: "focus", selector: ".dialog .secondary" }]);
  });

  it("when stopping the last product disconnects the connection, focus goes to its Reconnect", () => {
    const [, after] = run(stopping(), { type: "stopConfirmed" }, { type: "stopped", refreshed: REFRESHED });
    expect(after[1]).toEqual({ kind: "focus", selector: '[data-reconnect="k1"]' });
  });

  it("an unreadable impact or a refused revoke says so and reports it", () => {
    const [unchecked, effects] = run(list(), { type: "stopAsked", consent: LENDING, connection: BANK },
      { type: "consentImpactFailed", consentId: "c-lending", error: ERROR });
    expect(unchecked).toMatchObject({ stopping: undefined,
      notice: "We couldn't check what stopping Your loan changes. Try again." });
    expect(effects).toEqual([{ kind: "onError", error: ERROR }]);
    expect(transition(list(), { type: "consentImpactLoaded", consentId: "c-lending", impact: CONSENT_IMPACT })[0].stopping)
      .toBeUndefined();

    const [refused, failed] = run(stopping(), { type: "stopConfirmed" }, { type: "stopFailed", error: ERROR });
    expect(refused.notice).toBe("Sharing for Your loan was not stopped: Refused.");
    expect(failed).toEqual([{ kind: "onError", error: ERROR }, { kind: "refresh" }]);
  });

  it("renews with the new end date in the customer's words, or says why not", () => {
    const [busy, effects] = transition({ ...list(), options: { locale: "en-GB", productNames: {} } },
      { type: "renewAsked", consent: LENDING, connection: BANK });
    expect(busy.renewing).toBe("c-lending");
    expect(effects).toEqual([{ kind: "renew", consent: LENDING, connection: BANK }]);
    const [done, after] = transition(busy, { type: "renewed", consent: LENDING, connection: BANK,
      renewed: { ...LENDING, expiresAt: "2027-03-01T00:00:00Z" }, refreshed: REFRESHED });
    expect(done).toMatchObject({ renewing: undefined,
      announcement: "Sharing Sandbox Banking for Lending is renewed until 1 Mar 2027." });
    expect(after).toEqual([{ kind: "onConsentRenewed", args: { consentId: "c-lending", connectionId: "k1",
      productIdentifier: "lending" } }, { kind: "focus", selector: '[data-consents="k1"]' }]);
    const [refused, failed] = transition(busy, { type: "renewFailed", consent: LENDING, connection: BANK, error: ERROR });
    expect(refused).toMatchObject({ renewing: undefined, notice: "Sharing for Lending was not renewed: Refused." });
    expect(failed).toEqual([{ kind: "onError", error: ERROR }, { kind: "focus", selector: '[data-consents="k1"]' }]);
  });
});

describe("reconnecting", () => {
  it("opens the window inside the click, then reads the connection's errors as the baseline", () => {
    expect(transition(list(), { type: "reconnectAsked", connection: BOOKS })[1]).toEqual([
      { kind: "openWindow", url: BOOKS.linkUrl }, { kind: "startReconnect", connection: BOOKS }]);
    const busy = reconnecting();
    expect(transition(busy, { type: "reconnectAsked", connection: BOOKS })).toEqual([busy, []]);
  });

  it("with the window: waits and watches; without: this tab leaves with what to check on return", () => {
    const [waiting, effects] = transition({ ...list(), notice: "old" }, { type: "reconnectStarted", connection: BOOKS,
      baseline: 2, popup: true });
    expect(waiting).toMatchObject({ reconnecting: BOOKS, announcement: "Waiting for Sandbox Accounting…", notice: "" });
    expect(effects).toEqual([{ kind: "watch", connectionId: "a1", baseline: 2 }]);
    const state = list();
    expect(transition(state, { type: "reconnectStarted", connection: BOOKS, baseline: 2, popup: false })).toEqual([state, [
      { kind: "leaveForPlatform", saved: { connectionId: "a1", baseline: 2 }, url: BOOKS.linkUrl }]]);
  });

  it("a baseline that cannot be read closes the window and says so", () => {
    const [state, effects] = transition(list(), { type: "reconnectFailed", connection: BOOKS, error: ERROR });
    expect(state.notice).toBe("We couldn't start reconnecting Sandbox Accounting. Try again.");
    expect(effects).toEqual([{ kind: "endWatch" }, { kind: "onError", error: ERROR }]);
  });

  it("linked: ends the watch, refreshes, then says so, calls onReconnect and focuses Disconnect", () => {
    const [done, effects] = transition(reconnecting(), { type: "watched", outcome: { kind: "linked" } });
    expect(done.reconnecting).toBeUndefined();
    expect(effects).toEqual([{ kind: "endWatch" }, { kind: "refreshAfterReconnect", connection: BOOKS }]);
    const [said, after] = transition(done, { type: "reconnected", connection: BOOKS, refreshed: REFRESHED });
    expect(said).toMatchObject({ announcement: "Sandbox Accounting is connected again.", connections: REFRESHED.connections });
    expect(after).toEqual([{ kind: "onReconnect", args: { connectionId: "a1" } },
      { kind: "focus", selector: '[data-disconnect="a1"]' }]);
    expect(transition(done, { type: "reconnected", connection: BOOKS })[0].connections).toEqual([BANK, BOOKS]);
  });

  it("denied, failed, closed or unreachable: not reconnected; only a failure or unreachable server is an error", () => {
    const outcomes = [
      [{ kind: "failed", cancelled: true, error: ERROR }, "Sandbox Accounting was not reconnected — try again.", ["endWatch"]],
      [{ kind: "failed", cancelled: false, error: ERROR }, "Sandbox Accounting was not reconnected — try again.",
        ["endWatch", "onError"]],
      [{ kind: "closed" }, "Sandbox Accounting was not reconnected — try again.", ["endWatch"]],
      [{ kind: "unreachable", error: ERROR }, "We couldn't check Sandbox Accounting. Try again.", ["endWatch", "onError"]],
    ] as const;
    for (const [outcome, notice, effects] of outcomes) {
      const [state, done] = transition(reconnecting(), { type: "watched", outcome });
      expect(state).toMatchObject({ reconnecting: undefined, notice, announcement: "" });
      expect(kinds(done)).toEqual(effects);
    }
  });

  it("reopens the window on the connection's link", () => {
    expect(transition(reconnecting(), { type: "reopen" })[1]).toEqual([{ kind: "reopenWindow", url: BOOKS.linkUrl }]);
  });
});

describe("closing", () => {
  it("calls onClose from any screen", () => {
    for (const make of [loading, list, failed]) {
      const state = make();
      expect(transition(state, { type: "closed" })).toEqual([state, [{ kind: "onClose" }]]);
    }
  });
});
