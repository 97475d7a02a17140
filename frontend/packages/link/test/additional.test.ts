import { afterEach, describe, expect, it, vi } from "vitest";
import { additionalConsentText, pendingForSteps } from "../src/additional.js";
import { initializeLink } from "../src/index.js";
import type { BridgekeeperLink } from "../src/index.js";
import { sourceTypeSteps } from "../src/options.js";

const LENDING_BANK = { productIdentifier: "lending", productName: "Lending", purpose: "Assess a loan application.",
  sourceType: "Banking", dataTypes: ["banking-accounts", "banking-transactionCategories"], connectionId: "b1",
  platformName: "Sandbox Banking" };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

async function until(element: BridgekeeperLink, check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out; screen shows: ${element.shadowRoot?.textContent}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const screen = (e: BridgekeeperLink) => e.shadowRoot!.textContent!.replace(/\s+/g, " ");
const button = (e: BridgekeeperLink, text: string) =>
  [...e.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent?.includes(text)) as HTMLButtonElement;

async function open(pending: unknown[], enableAdditionalConsent: boolean) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    if (path.endsWith("/journeySteps")) return new Response(null, { status: 204 }); // the funnel's beacon (funnel.test.ts)
    calls.push({ method: init.method ?? "GET", path, body: init.body ? JSON.parse(init.body as string) : undefined });
    if (path === "/link/api/companies/c1") return json({ companyId: "c1", companyName: "Tiny Ltd", lender: { name: "Acme Bank" } });
    if (path === "/link/api/companies/c1/consents/pending") return json(pending);
    if (path === "/link/api/companies/c1/consents") return json({ id: "n1", consentIds: ["n1"] }, 201);
    return json({ error: "not found" }, 404);
  }));
  const events: unknown[][] = [];
  const target = document.createElement("div");
  document.body.append(target);
  await initializeLink(target, {
    companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example",
    onConsent: (a) => events.push(["onConsent", a.text]), onConnection: () => events.push(["onConnection"]),
    onFinish: () => undefined, onError: (e) => events.push(["onError", e.message]),
    options: { enableAdditionalConsent, sourceTypes: { accounting: { optional: false, enableIntegrations: true },
      banking: { optional: false, enableIntegrations: true } } },
  });
  const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
  return { element, calls, events };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe("additional consent", () => {
  it("keeps only the journey's source types, once per product and connection", () => {
    const steps = sourceTypeSteps({ sourceTypes: { banking: { optional: false, enableIntegrations: true } } });
    const books = { ...LENDING_BANK, sourceType: "Accounting", connectionId: "a1" };
    expect(pendingForSteps([LENDING_BANK, books, { ...LENDING_BANK }], steps)).toEqual([LENDING_BANK]);
  });

  it("writes the text in screen order with the plain data types", () => {
    expect(additionalConsentText(LENDING_BANK, "Acme Bank", "Read-only.", "Kept for the loan.", "See the terms."))
      .toBe("Share Sandbox Banking for Lending\n\nYou're already connected to Sandbox Banking. Acme Bank asks to use it"
        + " for Lending too.\n\nPurpose\nAssess a loan application.\n\nAccess\nRead-only.\n\nPlatform data\n- bank accounts\n"
        + "- transaction categories\n\nRetention\nKept for the loan.\n\nSee the terms.\n\nNo need to sign in again. You can"
        + " stop sharing for Lending at any time.");
  });

  it("asks for the product's consent first, records it for that product only and counts the card as connected", async () => {
    const { element, calls, events } = await open([LENDING_BANK], true);
    await until(element, () => screen(element).includes("Share Sandbox Banking for Lending"));
    expect(screen(element)).toContain("No need to sign in again");
    expect(screen(element)).toContain("cannot change anything in Sandbox Banking");
    expect(screen(element)).toContain("transaction categories");
    button(element, "Agree and share").click();
    await until(element, () => screen(element).includes("1 of 2 connected"));
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.path).toBe("/link/api/companies/c1/consents");
    const body = post.body as Record<string, string>;
    expect(body).toMatchObject({ connectionId: "b1", sourceType: "Banking", productIdentifier: "lending" });
    expect(events).toEqual([["onConsent", body.text]]);
    expect(body.text).toContain("Platform data\n- bank accounts\n- transaction categories");
    expect(body.text).toContain("cannot change anything in Sandbox Banking");
    expect(screen(element)).toContain("✓ Connected: Sandbox Banking");
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe("Sandbox Banking is shared for Lending");
  });

  it("Not now records nothing; without the option the server is not even asked", async () => {
    const first = await open([LENDING_BANK], true);
    await until(first.element, () => screen(first.element).includes("Share Sandbox Banking for Lending"));
    button(first.element, "Not now").click();
    await until(first.element, () => screen(first.element).includes("0 of 2 connected"));
    expect(first.calls.some((c) => c.method === "POST")).toBe(false);
    document.body.replaceChildren();

    const second = await open([LENDING_BANK], false);
    await until(second.element, () => screen(second.element).includes("0 of 2 connected"));
    expect(second.calls.map((c) => c.path)).toEqual(["/link/api/companies/c1"]);
  });
});
