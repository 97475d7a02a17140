import { afterEach, describe, expect, it, vi } from "vitest";
import { initializeLink } from "../src/index.js";
import type { BridgekeeperLink } from "../src/index.js";

const COMPANY = { companyId: "c1", companyName: "Tiny Ltd", lender: { name: "Acme Bank" } };

function answer(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

async function settle(element: BridgekeeperLink) {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await element.updateComplete;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe("<bridgekeeper-link>", () => {
  it("calls the Link API with the token and shows the landing page with interpolated, sanitised text", async () => {
    const fetchMock = vi.fn(async () => answer(COMPANY));
    vi.stubGlobal("fetch", fetchMock);
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, {
      companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example",
      onConnection: () => undefined, onFinish: () => undefined, onError: () => undefined,
      options: { showLandingPage: true, theme: { colors: { primary: "#0a7f3f" } },
        text: { "landing.title": "Welcome from {companyName}", "landing.subtitle": "<script>window.hacked=1</script> [x](javascript:alert(1))" } },
    });
    const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
    await settle(element);

    expect(fetchMock).toHaveBeenCalledWith("https://bk.example/link/api/companies/c1", expect.objectContaining({
      method: "GET", headers: expect.objectContaining({ Authorization: "Bearer tok" }) }));
    const root = element.shadowRoot!;
    expect(root.querySelector("h1")?.textContent).toBe("Welcome from Acme Bank");
    expect(root.querySelector("script")).toBeNull();
    expect(root.querySelector("a")).toBeNull();
    expect(root.textContent).toContain("<script>window.hacked=1</script>");
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
    expect(element.style.getPropertyValue("--bk-primary")).toBe("#0a7f3f");
  });

  it("reports a refused token through onError with the correlation id", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => answer({ statusCode: 401, error: "Token expired", correlationId: "corr-1" }, 401)));
    const onError = vi.fn();
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, { companyId: "c1", accessToken: "bad", baseUrl: "https://bk.example",
      onConnection: () => undefined, onFinish: () => undefined, onError });
    const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
    await settle(element);
    expect(onError).toHaveBeenCalledWith({ correlationId: "corr-1", message: "Token expired", errorCode: 401, userRecoverable: false });
    expect(element.shadowRoot!.textContent).toContain("corr-1");
  });

  it("enables Complete only when the required source types are connected", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => answer(COMPANY)));
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, { companyId: "c1", accessToken: "t", baseUrl: "https://bk.example",
      onConnection: () => undefined, onFinish: () => undefined, onError: () => undefined,
      options: { sourceTypes: { banking: { optional: false, enableIntegrations: true }, commerce: { optional: true, enableIntegrations: true } } } });
    const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
    await settle(element);
    const root = element.shadowRoot!;
    expect(root.textContent).toContain("0 of 2 connected");
    const cards = [...root.querySelectorAll(".card")].map((c) => c.textContent?.replace(/\s+/g, " ").trim());
    expect(cards[0]).toContain("Banking");
    expect(cards[0]).toContain("Required");
    expect(cards[1]).toContain("Optional");
    const complete = [...root.querySelectorAll("button.primary")].find((b) => b.textContent === "Complete") as HTMLButtonElement;
    expect(complete.disabled).toBe(true);
  });

  it("shows a message instead of calling the server without a token", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    const onError = vi.fn();
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, { companyId: "c1", onConnection: () => undefined, onFinish: () => undefined, onError });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ userRecoverable: false }));
  });
});

describe("closing", () => {
  it("asks for confirmation before onClose, and Stay keeps the journey", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => answer(COMPANY)));
    const onClose = vi.fn();
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, { companyId: "c1", accessToken: "t", baseUrl: "https://bk.example", onClose,
      onConnection: () => undefined, onFinish: () => undefined, onError: () => undefined,
      options: { nonce: "abc123" } });
    const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
    await settle(element);
    const root = element.shadowRoot!;
    (root.querySelector("button.close") as HTMLButtonElement).click();
    await settle(element);
    expect(root.querySelector("[role=alertdialog]")?.textContent).toContain("Leave without finishing?");
    const byText = (t: string) => [...root.querySelectorAll("button")].find((b) => b.textContent === t) as HTMLButtonElement;
    byText("Stay").click();
    await settle(element);
    expect(root.querySelector("[role=alertdialog]")).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    (root.querySelector("button.close") as HTMLButtonElement).click();
    await settle(element);
    byText("Leave").click();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect((window as { litNonce?: string }).litNonce).toBe("abc123");
  });

  it("has no close button without onClose", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => answer(COMPANY)));
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, { companyId: "c1", accessToken: "t", baseUrl: "https://bk.example",
      onConnection: () => undefined, onFinish: () => undefined, onError: () => undefined });
    const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
    await settle(element);
    expect(element.shadowRoot!.querySelector("button.close")).toBeNull();
  });
});

describe("Hosted Link", () => {
  it("uses the company token the server put in the page for a redeemed link token, and wipes the one-time token from the address bar", async () => {
    history.replaceState(null, "", "/link/c1?token=hlt_once");
    sessionStorage.clear();
    const fetchMock = vi.fn(async () => answer(COMPANY));
    vi.stubGlobal("fetch", fetchMock);
    const element = document.createElement("bridgekeeper-link") as BridgekeeperLink;
    element.setAttribute("hosted", "");
    element.setAttribute("company-id", "c1");
    element.setAttribute("access-token", "company-token-from-server");
    document.body.append(element);
    await settle(element);
    expect(fetchMock).toHaveBeenCalledWith(`${location.origin}/link/api/companies/c1`, expect.objectContaining({
      headers: expect.objectContaining({ Authorization: "Bearer company-token-from-server" }) }));
    expect(location.search).toBe("");
    expect(element.hasAttribute("access-token")).toBe(false);
  });
});
