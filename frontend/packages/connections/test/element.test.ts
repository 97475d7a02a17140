import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { initializeConnections } from "../src/index.js";
import type { BridgekeeperConnections, ConnectionsProps, ManagedConnection } from "../src/index.js";

const COMPANY = { companyId: "c1", companyName: "Tiny Ltd", lender: { name: "Acme Bank" } };
const BANK: ManagedConnection = { id: "k1", integrationKey: "sbbk", platformName: "Sandbox Banking", sourceType: "Banking",
  logoUrl: "https://bk.example/branding/sbbk/logo.svg", status: "Linked", organisationName: "Tiny Ltd current account",
  created: "2026-03-02T10:15:00Z", firstLinked: "2026-03-03T10:16:00Z", lastSync: "2026-03-04T08:00:00Z", linkUrl: "https://bk.example/companies/c1/connections/k1/start" };
const BOOKS: ManagedConnection = { ...BANK, id: "a1", integrationKey: "sbac", platformName: "Sandbox Accounting",
  sourceType: "Accounting", status: "Unlinked", organisationName: undefined, lastSync: undefined, firstLinked: undefined,
  linkUrl: "https://bk.example/companies/c1/connections/a1/start" };

function answer(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

type Route = (method: string, path: string, body?: unknown) => unknown;

/** A fake Link API: routes by method and path below /link/api/companies/c1, recording every call. */
function server(route: Route) {
  const calls: { method: string; path: string; body?: unknown; auth?: string }[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const path = url.replace("https://bk.example/link/api/companies/c1", "")
      .replace("https://bk.example/companies/c1/consents", "@consents");
    const body = init.body ? JSON.parse(init.body as string) : undefined;
    calls.push({ method: init.method ?? "GET", path, body, auth: (init.headers as Record<string, string>).Authorization });
    const result = route(init.method ?? "GET", path, body);
    return result instanceof Response ? result : answer(result);
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

async function settle(element: BridgekeeperConnections) {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await element.updateComplete;
  }
}

async function mount(props: Partial<ConnectionsProps> = {}) {
  const target = document.createElement("div");
  document.body.append(target);
  await initializeConnections(target, { companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example", ...props });
  const element = target.querySelector("bridgekeeper-connections") as BridgekeeperConnections;
  await settle(element);
  return element;
}

const text = (element: BridgekeeperConnections) => element.shadowRoot!.textContent!.replace(/\s+/g, " ");
const button = (element: BridgekeeperConnections, selector: string) =>
  element.shadowRoot!.querySelector(selector) as HTMLButtonElement;

beforeEach(() => sessionStorage.clear());

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("<bridgekeeper-connections>", () => {
  it("lists each connection with logo, status in words and dates, calling the API with the token", async () => {
    const calls = server((_m, path) => (path === "" ? COMPANY : [BANK, BOOKS]));
    const element = await mount({ options: { locale: "en-GB", theme: { colors: { primary: "#0b6e4f" } } } });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET ", "GET /connections",
      "GET @consents?page=1&pageSize=500"]);
    expect(calls.every((c) => c.auth === "Bearer tok")).toBe(true);
    const items = element.shadowRoot!.querySelectorAll("li");
    expect(items).toHaveLength(2);
    expect(items[0].querySelector("img")?.getAttribute("src")).toBe(BANK.logoUrl);
    expect(items[0].textContent!.replace(/\s+/g, " ")).toContain("Status✓ Connected First connected3 Mar 2026 Last updated4 Mar 2026");
    expect(items[1].textContent!.replace(/\s+/g, " ")).toContain("StatusDisconnected First connected2 Mar 2026 Last updatedNever");
    expect(button(element, '[data-disconnect="k1"]').textContent).toContain("Disconnect");
    expect(button(element, '[data-reconnect="a1"]').textContent).toContain("Reconnect");
    expect(text(element)).toContain("The accounts you share with Acme Bank");
    expect(element.style.getPropertyValue("--bk-primary")).toBe("#0b6e4f");
    // inside the lender's page, which has its own <main>: no second landmark
    expect(element.shadowRoot!.querySelector("main")).toBeNull();
    // the square icon when the server has one, in a square tile
    const withIcon = { ...BANK, iconUrl: "https://bk.example/branding/sbbk/icon.svg" };
    server((_m, path) => (path === "" ? COMPANY : [withIcon]));
    document.body.replaceChildren();
    const again = await mount();
    expect(again.shadowRoot!.querySelector("li img")?.getAttribute("src")).toBe(withIcon.iconUrl);
  });

  it("says so when nothing is connected, and shows a close button only with onClose", async () => {
    server((_m, path) => (path === "" ? COMPANY : []));
    const onClose = vi.fn();
    const element = await mount({ onClose });
    expect(text(element)).toContain("You haven't connected any accounts yet.");
    button(element, "button.close").click();
    expect(onClose).toHaveBeenCalledOnce();
    document.body.replaceChildren();
    const without = await mount();
    expect(without.shadowRoot!.querySelector("button.close")).toBeNull();
  });

  it("reports a failed load through onError with the correlation id and offers Try again", async () => {
    let fail = true;
    server((_m, path) => (fail ? answer({ statusCode: 401, error: "Token expired", correlationId: "corr-9" }, 401)
      : path === "" ? COMPANY : [BANK]));
    const onError = vi.fn();
    const element = await mount({ onError });
    expect(onError).toHaveBeenCalledWith({ correlationId: "corr-9", message: "Token expired", errorCode: 401, userRecoverable: false });
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).toContain("Reference: corr-9");
    fail = false;
    [...element.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent === "Try again")!.click();
    await settle(element);
    expect(element.shadowRoot!.querySelectorAll("li")).toHaveLength(1);
  });

  it("asks before disconnecting, names what stops, and calls onDisconnect after the server agreed", async () => {
    let bank = BANK;
    const calls = server((method, path) => {
      if (path === "") return COMPANY;
      if (path === "/connections") return [bank];
      if (path === "/connections/k1/impact") {
        return { connectionId: "k1", platformName: "Sandbox Banking", dataTypes: ["banking-accounts", "banking-transactions"],
          products: [{ productIdentifier: "lending", name: "Your loan application" }] };
      }
      if (method === "PATCH" && path === "/connections/k1") {
        bank = { ...BANK, status: "Unlinked" };
        return bank;
      }
      throw new Error(`unexpected ${method} ${path}`);
    });
    const onDisconnect = vi.fn();
    const element = await mount({ onDisconnect, options: { retentionText: "We keep past statements for 7 years." } });
    button(element, '[data-disconnect="k1"]').click();
    await settle(element);
    const dialog = element.shadowRoot!.querySelector('[role="dialog"]')!;
    const said = dialog.textContent!.replace(/\s+/g, " ");
    expect(said).toContain("Disconnect Sandbox Banking?");
    expect(said).toContain("Acme Bank will no longer receive updates from Sandbox Banking: your bank accounts and bank transactions.");
    expect(said).toContain("These will stop working: Your loan application.");
    expect(said).toContain("We keep past statements for 7 years.");
    // the safe choice has the focus: Enter straight away keeps the connection
    expect(element.shadowRoot!.activeElement?.textContent).toBe("Keep connected");
    expect(onDisconnect).not.toHaveBeenCalled();
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);

    button(element, ".dialog .danger").click();
    await settle(element);
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ status: "Unlinked" });
    expect(onDisconnect).toHaveBeenCalledWith({ connectionId: "k1" });
    expect(element.shadowRoot!.querySelector('[role="dialog"]')).toBeNull();
    expect(text(element)).toContain("Disconnected");
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe("Sandbox Banking is disconnected.");
    expect(element.shadowRoot!.activeElement).toBe(button(element, '[data-reconnect="k1"]'));
  });

  it("keeps the connection on Keep connected or Escape, and says so when the server refuses", async () => {
    const calls = server((_method, path) => {
      if (path === "") return COMPANY;
      if (path === "/connections") return [BANK];
      if (path.endsWith("/impact")) return { connectionId: "k1", platformName: "Sandbox Banking", dataTypes: [], products: [] };
      return answer({ statusCode: 409, error: "Connection k1 is Unlinked", correlationId: "corr-2" }, 409);
    });
    const onError = vi.fn();
    const onDisconnect = vi.fn();
    const element = await mount({ onError, onDisconnect });
    button(element, '[data-disconnect="k1"]').click();
    await settle(element);
    button(element, ".dialog .secondary").click();
    await settle(element);
    expect(element.shadowRoot!.querySelector('[role="dialog"]')).toBeNull();
    expect(element.shadowRoot!.activeElement).toBe(button(element, '[data-disconnect="k1"]'));

    button(element, '[data-disconnect="k1"]').click();
    await settle(element);
    element.shadowRoot!.querySelector(".overlay")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle(element);
    expect(element.shadowRoot!.querySelector('[role="dialog"]')).toBeNull();
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);

    button(element, '[data-disconnect="k1"]').click();
    await settle(element);
    button(element, ".dialog .danger").click();
    await settle(element);
    expect(onDisconnect).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ correlationId: "corr-2", errorCode: 409 }));
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).toContain("Sandbox Banking was not disconnected");
  });

  it("reconnects in a popup: polls until Linked, closes the window and calls onReconnect", async () => {
    let status: ManagedConnection["status"] = "Unlinked";
    server((_m, path) => {
      if (path === "") return COMPANY;
      if (path === "/connections") return [{ ...BOOKS, status }];
      if (path === "/connections/a1") return { id: "a1", status, errorCount: 2 };
      throw new Error(path);
    });
    const popup = { closed: false, close: vi.fn(() => { popup.closed = true; }) };
    const open = vi.fn(() => popup as unknown as Window);
    vi.stubGlobal("open", open);
    const onReconnect = vi.fn();
    const element = await mount({ onReconnect });
    vi.useFakeTimers();
    button(element, '[data-reconnect="a1"]').click();
    expect(open).toHaveBeenCalledWith(BOOKS.linkUrl, "bridgekeeper-connections-platform", expect.stringContaining("popup"));
    await vi.advanceTimersByTimeAsync(10);
    expect(text(element)).toContain("Waiting for Sandbox Accounting…");
    await vi.advanceTimersByTimeAsync(1500);
    expect(onReconnect).not.toHaveBeenCalled();
    status = "Linked";
    await vi.advanceTimersByTimeAsync(1500);
    expect(onReconnect).toHaveBeenCalledWith({ connectionId: "a1" });
    expect(popup.close).toHaveBeenCalled();
    expect(text(element)).toContain("✓ Connected");
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe("Sandbox Accounting is connected again.");
  });

  it("a cancelled sign-in or a closed window ends with 'not reconnected' and no onReconnect", async () => {
    let errorCount = 0;
    server((_m, path) => {
      if (path === "") return COMPANY;
      if (path === "/connections") return [BOOKS];
      return { id: "a1", status: "Unlinked", errorCount, lastError: errorCount ? { statusCode: "403", errorMessage: "User cancelled." } : undefined };
    });
    const popup = { closed: false, close: vi.fn() };
    vi.stubGlobal("open", vi.fn(() => popup as unknown as Window));
    const onReconnect = vi.fn();
    const onError = vi.fn();
    const element = await mount({ onReconnect, onError });
    vi.useFakeTimers();
    button(element, '[data-reconnect="a1"]').click();
    await vi.advanceTimersByTimeAsync(1500);
    errorCount = 1; // the customer pressed Deny
    await vi.advanceTimersByTimeAsync(1500);
    expect(text(element)).toContain("Sandbox Accounting was not reconnected — try again.");
    expect(onError).not.toHaveBeenCalled(); // a cancellation is the customer's choice, not an error

    button(element, '[data-reconnect="a1"]').click();
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(6000);
    expect(text(element)).toContain("Sandbox Accounting was not reconnected — try again.");
    expect(onReconnect).not.toHaveBeenCalled();
  });

  it("with the popup blocked, reconnects in the same tab and reports the outcome when the page comes back", async () => {
    let status: ManagedConnection["status"] = "Unlinked";
    server((_m, path) => {
      if (path === "") return COMPANY;
      if (path === "/connections") return [{ ...BOOKS, status }];
      return { id: "a1", status, errorCount: 0 };
    });
    vi.stubGlobal("open", vi.fn(() => null));
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign, origin: "https://lender.example" });
    const element = await mount();
    button(element, '[data-reconnect="a1"]').click();
    await settle(element);
    // the sign-in carries this page's address back (the server checks it against the profile's whiteListUrls)
    const sent = new URL(assign.mock.calls[0][0] as string);
    expect(sent.origin + sent.pathname).toBe(BOOKS.linkUrl);
    expect(sent.searchParams.get("bk_return")).toBe(window.location.href.replace(/#.*$/, ""));
    expect(JSON.parse(sessionStorage.getItem("bridgekeeper-connections:c1")!)).toEqual({ connectionId: "a1", baseline: 0 });

    // the platform sent the customer back through the lender's redirect: the page mounts the component again
    status = "Linked";
    document.body.replaceChildren();
    const onReconnect = vi.fn();
    const again = await mount({ onReconnect });
    expect(onReconnect).toHaveBeenCalledWith({ connectionId: "a1" });
    expect(sessionStorage.getItem("bridgekeeper-connections:c1")).toBeNull();
    expect(again.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe("Sandbox Accounting is connected again.");
  });
});
