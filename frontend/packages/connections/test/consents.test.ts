import { afterEach, describe, expect, it, vi } from "vitest";
import { activeConsentsOn, expiringSoon, impactSentences, initializeConnections, shownConsentsOn } from "../src/index.js";
import type { BridgekeeperConnections, ConsentImpact, ConsentRecord, ManagedConnection } from "../src/index.js";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const BANK: ManagedConnection = { id: "k1", integrationKey: "sbbk", platformName: "Sandbox Banking", sourceType: "Banking",
  status: "Linked", created: "2026-03-02T10:15:00Z", firstLinked: "2026-03-03T10:16:00Z", linkUrl: "https://bk.example/x" };
const ONBOARDING: ConsentRecord = { id: "11111111-1111-1111-1111-111111111111", productIdentifier: "onboarding",
  sourceType: "Banking", connectionIds: ["k1"], dataTypes: ["banking-accounts", "banking-transactions"],
  grantedAt: "2026-11-20T10:00:00Z", expiresAt: new Date(NOW + 5 * DAY).toISOString(), status: "Active" };
const LENDING: ConsentRecord = { ...ONBOARDING, id: "22222222-2222-2222-2222-222222222222", productIdentifier: "lending",
  dataTypes: ["banking-accounts", "banking-transactions", "banking-transactionCategories"],
  expiresAt: new Date(NOW + 80 * DAY).toISOString() };

describe("consent logic", () => {
  it("finds the Active consents on a connection: by id, or by source type when the record names none", () => {
    const other: ConsentRecord = { ...ONBOARDING, id: "o", connectionIds: ["k2"] };
    const anyBank: ConsentRecord = { ...ONBOARDING, id: "any", connectionIds: [], sourceType: "banking" };
    const books: ConsentRecord = { ...ONBOARDING, id: "books", connectionIds: [], sourceType: "Accounting" };
    const revoked: ConsentRecord = { ...LENDING, status: "Revoked" };
    expect(activeConsentsOn(BANK, [ONBOARDING, other, anyBank, books, revoked]).map((c) => c.id))
      .toEqual([ONBOARDING.id, "any"]);
  });

  it("shows an ended consent only while its product has no Active one on the connection, the latest of them", () => {
    const older: ConsentRecord = { ...LENDING, id: "old", status: "Expired", expiresAt: "2026-05-01T00:00:00Z" };
    const newer: ConsentRecord = { ...LENDING, id: "new", status: "Expired", expiresAt: "2026-08-01T00:00:00Z" };
    const renewedElsewhere: ConsentRecord = { ...ONBOARDING, id: "gone", status: "Expired" };
    expect(shownConsentsOn(BANK, [ONBOARDING, older, newer, renewedElsewhere]).map((c) => c.id))
      .toEqual([ONBOARDING.id, "new"]);
    expect(shownConsentsOn(BANK, [ONBOARDING, older, LENDING]).map((c) => c.id)).toEqual([ONBOARDING.id, LENDING.id]);
  });

  it("calls a consent expiring soon only inside the window and only while Active", () => {
    expect(expiringSoon(ONBOARDING, NOW, 14)).toBe(true);
    expect(expiringSoon(ONBOARDING, NOW, 4)).toBe(false);
    expect(expiringSoon(LENDING, NOW, 14)).toBe(false);
    expect(expiringSoon({ ...ONBOARDING, status: "Expired" }, NOW, 14)).toBe(false);
    expect(expiringSoon({ ...ONBOARDING, expiresAt: undefined }, NOW, 14)).toBe(false);
  });

  it("says which data a product loses, what keeps syncing for others and whether the connection ends", () => {
    const shared: ConsentImpact = { consentId: LENDING.id, products: [{ productIdentifier: "lending", dataTypes: LENDING.dataTypes }],
      connections: [{ connectionId: "k1", platformName: "Sandbox Banking", stopsSyncing: ["banking-transactionCategories"],
        keepsSyncing: ["banking-accounts", "banking-transactions"], unlinked: false }] };
    expect(impactSentences(shared, "Lending", "Sandbox Banking")).toEqual([
      "Lending will no longer receive your bank accounts, bank transactions and transaction categories from Sandbox Banking.",
      "We stop fetching your transaction categories; the rest is still shared for your other products.",
    ]);
    const last: ConsentImpact = { ...shared, connections: [{ ...shared.connections[0], stopsSyncing: LENDING.dataTypes,
      keepsSyncing: [], unlinked: true }] };
    expect(impactSentences(last, "Lending", "Sandbox Banking")).toEqual([
      "Lending will no longer receive your bank accounts, bank transactions and transaction categories from Sandbox Banking.",
      "Nothing else uses Sandbox Banking, so it will be disconnected.",
    ]);
  });
});

function answer(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A fake server: the Link API below /link/api/companies/c1 and the consent records below /companies/c1/consents. */
function server(route: (method: string, path: string, body?: unknown) => unknown) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit) => {
    const path = url.replace("https://bk.example/link/api/companies/c1", "").replace("https://bk.example/companies/c1", "");
    const body = init.body ? JSON.parse(init.body as string) : undefined;
    calls.push({ method: init.method ?? "GET", path, body });
    const result = route(init.method ?? "GET", path, body);
    return result instanceof Response ? result : answer(result);
  }));
  return calls;
}

async function mount(props = {}) {
  const target = document.createElement("div");
  document.body.append(target);
  await initializeConnections(target, { companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example", ...props });
  const element = target.querySelector("bridgekeeper-connections") as BridgekeeperConnections;
  await settle(element);
  return element;
}

async function settle(element: BridgekeeperConnections) {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await element.updateComplete;
  }
}

const text = (e: BridgekeeperConnections) => e.shadowRoot!.textContent!.replace(/\s+/g, " ");
const find = (e: BridgekeeperConnections, selector: string) => e.shadowRoot!.querySelector(selector) as HTMLElement;

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe("<bridgekeeper-connections> per-product consents", () => {
  it("lists the products shared on a connection with dates, Renew only on the one ending soon", async () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    server((_m, path) => path === "" ? { lender: { name: "Acme Bank" } } : path === "/connections" ? [BANK]
      : { results: [ONBOARDING, LENDING], totalResults: 2 });
    const element = await mount({ options: { locale: "en-GB", productNames: { lending: "Business loan" } } });
    expect(text(element)).toContain("Shared for");
    expect(text(element)).toContain("Onboarding · ends soon");
    expect(text(element)).toContain("Business loan");
    expect(text(element)).toContain("Since 20 Nov 2026 · until 30 Nov 2026");
    expect(find(element, `[data-renew="${ONBOARDING.id}"]`)).not.toBeNull();
    expect(find(element, `[data-renew="${LENDING.id}"]`)).toBeNull();
    expect(find(element, `[data-stop="${LENDING.id}"]`).textContent!.replace(/\s+/g, " "))
      .toBe("Stop sharing for Business loan from Sandbox Banking");
    vi.restoreAllMocks();
  });

  it("shows the impact before stopping, revokes on confirm, refreshes and returns focus to the list", async () => {
    let consents = [ONBOARDING, LENDING];
    const impact: ConsentImpact = { consentId: LENDING.id, products: [{ productIdentifier: "lending", dataTypes: LENDING.dataTypes }],
      connections: [{ connectionId: "k1", platformName: "Sandbox Banking", stopsSyncing: ["banking-transactionCategories"],
        keepsSyncing: [], unlinked: false }], dataDeletedAt: "2027-02-23T12:00:00Z" };
    const calls = server((method, path) => {
      if (path === "") return { lender: { name: "Acme Bank" } };
      if (path === "/connections") return [BANK];
      if (path.endsWith("/impact")) return impact;
      if (method === "POST" && path.endsWith("/revoke")) {
        consents = [ONBOARDING, { ...LENDING, status: "Revoked" }];
        return consents[1];
      }
      return { results: consents, totalResults: consents.length };
    });
    const onConsentRevoked = vi.fn();
    const element = await mount({ onConsentRevoked, options: { locale: "en-GB" } });
    find(element, `[data-stop="${LENDING.id}"]`).click();
    await settle(element);
    const dialog = find(element, '[role="dialog"]');
    expect(dialog.textContent).toContain("Stop sharing Sandbox Banking for Lending?");
    expect(dialog.textContent).toContain("Lending will no longer receive your bank accounts");
    expect(dialog.textContent).toContain("deleted on 23 Feb 2027");
    expect(element.shadowRoot!.activeElement).toBe(find(element, ".dialog .secondary"));
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    find(element, ".dialog .danger").click();
    await settle(element);
    expect(calls.find((c) => c.method === "POST")).toEqual({ method: "POST", path: `/consents/${LENDING.id}/revoke`,
      body: { reason: "Stopped by the customer in manage connections" } });
    expect(find(element, '[role="dialog"]')).toBeNull();
    expect(find(element, `[data-stop="${LENDING.id}"]`)).toBeNull();
    expect(find(element, `[data-stop="${ONBOARDING.id}"]`)).not.toBeNull();
    expect(find(element, '[role="status"]').textContent).toBe("You stopped sharing Sandbox Banking for Lending.");
    expect(element.shadowRoot!.activeElement).toBe(find(element, '[data-consents="k1"]'));
    expect(onConsentRevoked).toHaveBeenCalledWith({ consentId: LENDING.id, connectionId: "k1", productIdentifier: "lending" });
  });

  it("Escape keeps sharing and returns focus to the button; Renew reconfirms and says until when", async () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    let consents: ConsentRecord[] = [ONBOARDING];
    const calls = server((method, path) => {
      if (path === "") return { lender: { name: "Acme Bank" } };
      if (path === "/connections") return [BANK];
      if (path.endsWith("/impact")) return { consentId: ONBOARDING.id, products: [], connections: [] };
      if (method === "POST" && path.endsWith("/reconfirm")) {
        consents = [{ ...ONBOARDING, expiresAt: "2027-02-23T12:00:00Z" }];
        return consents[0];
      }
      return { results: consents, totalResults: consents.length };
    });
    const element = await mount({ options: { locale: "en-GB" } });
    const stop = find(element, `[data-stop="${ONBOARDING.id}"]`);
    stop.click();
    await settle(element);
    find(element, ".overlay").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle(element);
    expect(find(element, '[role="dialog"]')).toBeNull();
    expect(element.shadowRoot!.activeElement).toBe(find(element, `[data-stop="${ONBOARDING.id}"]`));

    find(element, `[data-renew="${ONBOARDING.id}"]`).click();
    await settle(element);
    expect(calls.filter((c) => c.method === "POST")).toEqual([{ method: "POST",
      path: `/consents/${ONBOARDING.id}/reconfirm`, body: { channel: "Link" } }]);
    expect(find(element, '[role="status"]').textContent)
      .toBe("Sharing Sandbox Banking for Onboarding is renewed until 23 Feb 2027.");
    expect(find(element, `[data-renew="${ONBOARDING.id}"]`)).toBeNull();
    vi.restoreAllMocks();
  });
});

describe("<bridgekeeper-connections> ended consents", () => {
  it("offers Renew, and no Stop sharing, for a product whose consent has ended", async () => {
    const ended: ConsentRecord = { ...LENDING, status: "Expired", expiresAt: "2026-11-01T00:00:00Z" };
    server((_m, path) => path === "" ? { lender: { name: "Acme Bank" } } : path === "/connections" ? [BANK]
      : { results: [ended], totalResults: 1 });
    const element = await mount({ options: { locale: "en-GB" } });
    expect(text(element)).toContain("Lending · ended");
    expect(text(element)).toContain("Ended 1 Nov 2026");
    expect(find(element, `[data-renew="${LENDING.id}"]`)).not.toBeNull();
    expect(find(element, `[data-stop="${LENDING.id}"]`)).toBeNull();
  });
});

describe("<bridgekeeper-connections> without products", () => {
  it("shows no per-product section for consents without a product, so Disconnect stays the only action", async () => {
    server((_m, path) => path === "" ? { lender: { name: "Acme Bank" } } : path === "/connections" ? [BANK]
      : { results: [{ ...ONBOARDING, productIdentifier: undefined }], totalResults: 1 });
    const element = await mount();
    expect(text(element)).toContain("Sandbox Banking");
    expect(text(element)).not.toContain("Shared for");
    expect(element.shadowRoot!.querySelectorAll("button")).toHaveLength(1);
  });

  it("puts the products after the connection's own action, so Tab reaches Disconnect first", async () => {
    server((_m, path) => path === "" ? { lender: { name: "Acme Bank" } } : path === "/connections" ? [BANK]
      : { results: [ONBOARDING], totalResults: 1 });
    const element = await mount();
    const buttons = [...element.shadowRoot!.querySelectorAll("button")].map((b) => b.textContent!.replace(/\s+/g, " ").trim());
    expect(buttons[0]).toBe("Disconnect Sandbox Banking");
    expect(buttons.slice(1).some((b) => b.startsWith("Stop sharing for Onboarding"))).toBe(true);
  });
});
