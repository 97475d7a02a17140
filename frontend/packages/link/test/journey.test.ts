import { afterEach, describe, expect, it, vi } from "vitest";
import { initializeLink } from "../src/index.js";
import type { BridgekeeperLink } from "../src/index.js";

const COMPANY = { companyId: "c1", companyName: "Tiny Ltd", lender: { name: "Acme Bank" } };
const INTEGRATION = { key: "sbac", name: "Sandbox Accounting", logoUrl: "https://bk.example/branding/sbac/logo.svg",
  sourceType: "Accounting", sandbox: true, dataTypes: ["invoices", "bankAccounts"] };
const PENDING = { id: "conn-1", integrationId: "i1", integrationKey: "sbac", sourceId: "s1", sourceType: "Accounting",
  platformName: "Sandbox Accounting", linkUrl: "https://bk.example/companies/c1/connections/conn-1/start",
  status: "PendingAuth", errorCount: 0 };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A fake server: answers by path; the connection's state is whatever `state` holds at the time. */
function server(state: { connection: Record<string, unknown> }) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname + new URL(url).search;
    calls.push({ method: init.method ?? "GET", path, body: init.body ? JSON.parse(init.body as string) : undefined });
    if (path === "/link/api/companies/c1") return json(COMPANY);
    if (path.startsWith("/link/api/companies/c1/integrations")) return json([INTEGRATION]);
    if (path === "/link/api/companies/c1/connections") return json(PENDING);
    if (path === "/link/api/companies/c1/consents") return json({ id: "k1", textSha256: "ab", acceptedUtc: "now" }, 201);
    if (path === "/link/api/companies/c1/connections/conn-1") return json(state.connection);
    return json({ error: "not found" }, 404);
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

function fakePopup() {
  return { closed: false, location: { href: "" }, close() { this.closed = true; } };
}

async function until(element: BridgekeeperLink, check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out; screen shows: ${element.shadowRoot?.textContent}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function button(element: BridgekeeperLink, text: string): HTMLButtonElement {
  const found = [...element.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent?.includes(text));
  if (!found) throw new Error(`no button "${text}" in: ${element.shadowRoot?.textContent}`);
  return found;
}

async function journeyToConsent(events: string[][]) {
  const target = document.createElement("div");
  document.body.append(target);
  await initializeLink(target, {
    companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example",
    onConsent: (a) => events.push(["onConsent", a.text]),
    onConnectionStarted: (a) => events.push(["onConnectionStarted", a.connectionId]),
    onConnection: (a) => events.push(["onConnection", a.connectionId, a.integrationKey, a.sourceType]),
    onFinish: () => events.push(["onFinish"]), onError: (e) => events.push(["onError", String(e.message)]),
    options: { sourceTypes: { accounting: { optional: false, enableIntegrations: true } } },
  });
  const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
  await until(element, () => element.shadowRoot!.textContent!.includes("0 of 1 connected"));
  button(element, "Accounting").click();
  await until(element, () => element.shadowRoot!.textContent!.includes("Sandbox Accounting"));
  button(element, "Sandbox Accounting").click();
  await until(element, () => element.shadowRoot!.textContent!.includes("Agree and continue"));
  return element;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe("the journey against a fake server", () => {
  it("records the consent shown, opens the platform in a popup, and closes it once Linked", async () => {
    const state = { connection: { ...PENDING } as Record<string, unknown> };
    const calls = server(state);
    const popup = fakePopup();
    const open = vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
    const events: string[][] = [];
    const element = await journeyToConsent(events);
    const shown = element.shadowRoot!.textContent!;
    expect(shown).toContain("Acme Bank uses this data");
    expect(shown).toContain("bank accounts");

    button(element, "Agree and continue").click();
    expect(open).toHaveBeenCalledTimes(1); // synchronously, inside the click
    await until(element, () => popup.location.href !== "");
    expect(popup.location.href).toBe(PENDING.linkUrl);
    const consent = calls.find((c) => c.path.endsWith("/consents"))!.body as { text: string; connectionId: string };
    expect(consent.connectionId).toBe("conn-1");
    expect(events[0]).toEqual(["onConsent", consent.text]);
    expect(consent.text).toMatch(/^Connect Sandbox Accounting\n\n/);
    expect(consent.text).toContain("Platform data\n- Invoices\n- Bank accounts");
    expect(events[1]).toEqual(["onConnectionStarted", "conn-1"]);
    expect(element.shadowRoot!.textContent).toContain("Waiting for Sandbox Accounting…");

    state.connection = { ...PENDING, status: "Linked", organisationName: "Sandbox Trading Ltd" };
    await until(element, () => element.shadowRoot!.querySelector("h1")?.textContent === "Connected");
    expect(popup.closed).toBe(true);
    expect(element.shadowRoot!.textContent).toContain("Sandbox Trading Ltd");
    expect(events[2]).toEqual(["onConnection", "conn-1", "sbac", "Accounting"]);

    button(element, "Continue").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("1 of 1 connected"));
    expect(button(element, "Complete").disabled).toBe(false);
    button(element, "Complete").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("You're all set"));
    button(element, "Done").click();
    expect(events.map((e) => e[0])).toEqual(["onConsent", "onConnectionStarted", "onConnection", "onFinish"]);
  });

  it("a new cancellation error on the connection means Not connected, with Try again", async () => {
    const state = { connection: { ...PENDING } as Record<string, unknown> };
    server(state);
    const popup = fakePopup();
    vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
    const events: string[][] = [];
    const element = await journeyToConsent(events);
    button(element, "Agree and continue").click();
    await until(element, () => popup.location.href !== "");
    state.connection = { ...PENDING, errorCount: 1, lastError: { statusCode: "403", errorMessage: "User cancelled." } };
    await until(element, () => element.shadowRoot!.textContent!.includes("Not connected"));
    expect(popup.closed).toBe(true);
    expect(button(element, "Try again")).toBeTruthy();
    expect(events.map((e) => e[0])).toEqual(["onConsent", "onConnectionStarted"]);
  });

  it("another platform error shows a reference and calls onError", async () => {
    const state = { connection: { ...PENDING } as Record<string, unknown> };
    server(state);
    vi.spyOn(window, "open").mockReturnValue(fakePopup() as unknown as Window);
    const events: string[][] = [];
    const element = await journeyToConsent(events);
    button(element, "Agree and continue").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("Waiting for"));
    state.connection = { ...PENDING, errorCount: 1, lastError: { statusCode: "500", errorMessage: "Platform unavailable." } };
    await until(element, () => element.shadowRoot!.textContent!.includes("Something went wrong"));
    expect(element.shadowRoot!.textContent).toContain("Platform unavailable.");
    expect(element.shadowRoot!.textContent).toContain("Reference for support");
    expect(events[events.length - 1]).toEqual(["onError", "Platform unavailable."]);
  });
});
