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
    // inside the lender's page, which has its own <main>: no second landmark
    expect(root.querySelector("main")).toBeNull();
    expect(root.querySelector("div.frame")).not.toBeNull();
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
  function hostedElement(attributes: Record<string, string>): BridgekeeperLink {
    const element = document.createElement("bridgekeeper-link") as BridgekeeperLink;
    element.setAttribute("hosted", "");
    element.setAttribute("company-id", "c1");
    for (const [name, value] of Object.entries(attributes)) {
      element.setAttribute(name, value);
    }
    document.body.append(element);
    return element;
  }

  it("runs with the Hosted Link token the page was given, keeps it for the tab and records consents as HostedLink", async () => {
    history.replaceState(null, "", "/link/c1#token=old");
    sessionStorage.clear();
    const fetchMock = vi.fn(async () => answer(COMPANY));
    vi.stubGlobal("fetch", fetchMock);
    const element = hostedElement({ "access-token": "hosted-token-from-server" });
    await settle(element);
    expect(fetchMock).toHaveBeenCalledWith(`${location.origin}/link/api/companies/c1`, expect.objectContaining({
      headers: expect.objectContaining({ Authorization: "Bearer hosted-token-from-server" }) }));
    expect(location.hash).toBe("");
    expect(element.hasAttribute("access-token")).toBe(false);
    expect(sessionStorage.getItem("bridgekeeper-link-token:c1")).toBe("hosted-token-from-server");
    // the whole page: a <main> landmark of its own
    expect(element.shadowRoot!.querySelector("main.frame")).not.toBeNull();
  });

  it("a one-time link: the landing shows the lender, and only Get started spends the link", async () => {
    history.replaceState(null, "", "/link/c1?token=hlt_once");
    sessionStorage.clear();
    const calls: [string, RequestInit][] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return url.endsWith("/link/c1") ? answer({ accessToken: "redeemed-token", expiresIn: 86400 }) : answer(COMPANY);
    }));
    const element = hostedElement({ "link-token": "hlt_once", "lender-name": "Acme Bank" });
    await settle(element);
    const root = element.shadowRoot!;
    expect(root.querySelector("h1")?.textContent).toBe("Share your business data with Acme Bank");
    expect(calls).toEqual([]);
    expect(location.search).toBe("?token=hlt_once");

    (root.querySelector("button.primary") as HTMLButtonElement).click();
    await settle(element);
    expect(calls[0][0]).toBe(`${location.origin}/link/c1`);
    expect(calls[0][1]).toMatchObject({ method: "POST", body: JSON.stringify({ token: "hlt_once" }) });
    expect((calls[0][1].headers as Record<string, string>).Authorization).toBeUndefined();
    expect(calls[1][1].headers).toMatchObject({ Authorization: "Bearer redeemed-token" });
    expect(sessionStorage.getItem("bridgekeeper-link-token:c1")).toBe("redeemed-token");
    expect(location.search).toBe("");
    await settle(element);
    expect(root.querySelector("h1")?.textContent).toBe("Connect your accounts");
  });

  it("the bare page of a protected Hosted Link carries on with the tab's token, or asks for the link that was sent", async () => {
    history.replaceState(null, "", "/link/c1?statusCode=200&connectionId=k1");
    sessionStorage.clear();
    const fetchMock = vi.fn(async () => answer(COMPANY));
    vi.stubGlobal("fetch", fetchMock);
    const refused = hostedElement({ protected: "", "lender-name": "Acme Bank" });
    await settle(refused);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(refused.shadowRoot!.querySelector("h1")?.textContent).toBe("Open the link you were sent");
    expect(refused.shadowRoot!.textContent).toContain("the personal link Acme Bank sent you");
    refused.remove();

    sessionStorage.setItem("bridgekeeper-link-token:c1", "redeemed-earlier");
    const back = hostedElement({ protected: "" });
    await settle(back);
    expect(fetchMock).toHaveBeenCalledWith(`${location.origin}/link/api/companies/c1`, expect.objectContaining({
      headers: expect.objectContaining({ Authorization: "Bearer redeemed-earlier" }) }));
    expect(location.search).toBe("");
  });
});
