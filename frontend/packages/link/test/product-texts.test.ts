import { afterEach, describe, expect, it, vi } from "vitest";
import { initializeLink } from "../src/index.js";
import type { BridgekeeperLink } from "../src/index.js";
import type { ProductConsentText } from "../src/api.js";
import { productAcceptances, productConsentText, sectionMarkdown } from "../src/product-texts.js";

const ONBOARDING: ProductConsentText = {
  productIdentifier: "onboarding", productName: "Onboarding", sourceType: "Banking", textVersion: "2026-11-01",
  locale: "en-GB", dataTypes: ["banking-accounts", "banking-transactions"], heading: "Onboarding (Banking)",
  sections: [
    { title: "Purpose", body: "Acme Bank uses this data to open the account of **Tiny Ltd**." },
    { title: "Access", body: "Read-only. <img src=x onerror=alert(1)> [bad](javascript:alert(1))" },
    { title: "Account information", body: "Account names." },
    { title: "Platform data", body: "Acme Bank will read:\n- banking-accounts\n- banking-transactions" },
    { title: "Retention", body: "Deleted 30 days after you withdraw consent." },
  ],
  text: "",
};
ONBOARDING.text = [ONBOARDING.heading, ...ONBOARDING.sections.map((s) => `${s.title}\n${s.body}`)].join("\n\n");
const LENDING: ProductConsentText = { ...ONBOARDING, productIdentifier: "lending", productName: "Lending",
  textVersion: "2026-12-24", locale: "en-US", heading: "Lending (Banking)", text: "Lending (Banking)\n\nPurpose\nLoans." };

describe("product consent texts", () => {
  it("the recorded text is the screen in order: the lead, each product's server text, the close", () => {
    const text = productConsentText(["Connect Sandbox Banking", "Asking.", "- Read-only.", "See everything"],
      [ONBOARDING, LENDING], ["", "[Privacy](https://acme.example/privacy)", "You'll sign in."]);
    expect(text).toBe(`Connect Sandbox Banking\n\nAsking.\n\n- Read-only.\n\nSee everything\n\n${ONBOARDING.text}\n\n`
      + `${LENDING.text}\n\n[Privacy](https://acme.example/privacy)\n\nYou'll sign in.`);
  });

  it("each product is accepted under its own version and locale with the whole text shown", () => {
    expect(productAcceptances([ONBOARDING, LENDING], "shown")).toEqual([
      { productIdentifier: "onboarding", textVersion: "2026-11-01", locale: "en-GB", text: "shown" },
      { productIdentifier: "lending", textVersion: "2026-12-24", locale: "en-US", text: "shown" },
    ]);
  });

  it("an intro line followed by list lines reads as a paragraph and a list, words unchanged", () => {
    expect(sectionMarkdown("Acme will read:\n- a\n- b")).toBe("Acme will read:\n\n- a\n- b");
    expect(sectionMarkdown("Just words.")).toBe("Just words.");
    expect(sectionMarkdown("- a\n- b")).toBe("- a\n- b");
  });
});

const COMPANY = { companyId: "c1", companyName: "Tiny Ltd", lender: { name: "Acme Bank" } };
const INTEGRATION = { key: "sbbk", name: "Sandbox Banking", sourceType: "Banking", sandbox: true,
  dataTypes: ["banking-accounts"] };
const PENDING = { id: "conn-1", integrationId: "i1", integrationKey: "sbbk", sourceId: "s1", sourceType: "Banking",
  platformName: "Sandbox Banking", linkUrl: "https://bk.example/start", status: "PendingAuth", errorCount: 0 };

const CALLBACKS = { onError: () => undefined, onFinish: () => undefined, onConnection: () => undefined };

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

function button(element: BridgekeeperLink, text: string): HTMLButtonElement {
  const found = [...element.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent?.includes(text));
  if (!found) throw new Error(`no button "${text}" in: ${element.shadowRoot?.textContent}`);
  return found;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe("the consent screen with product texts", () => {
  it("shows the products' sections instead of the built-in ones and records each under its own version", async () => {
    const calls: { path: string; body?: Record<string, unknown> }[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname + new URL(url).search;
      calls.push({ path, body: init.body ? JSON.parse(init.body as string) : undefined });
      if (path === "/link/api/companies/c1") return json(COMPANY);
      if (path.startsWith("/link/api/companies/c1/integrations")) return json([INTEGRATION]);
      if (path.startsWith("/link/api/companies/c1/consentTexts")) return json([ONBOARDING, LENDING]);
      if (path === "/link/api/companies/c1/connections") return json(PENDING);
      if (path === "/link/api/companies/c1/consents") return json({ id: "k1" }, 201);
      return json(PENDING);
    }));
    const popup = { closed: false, location: { href: "" }, close() { this.closed = true; } };
    vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
    const consents: string[] = [];
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, {
      companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example", ...CALLBACKS,
      onConsent: (a) => { consents.push(a.text); },
      // the lender's purpose wording gives way to the product's; its button label still applies
      options: { sourceTypes: { banking: { optional: false, enableIntegrations: true } },
        text: { "banking.consents.purpose": "LENDER PURPOSE", "banking.consents.nextButton": "I agree" } },
    });
    const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
    await until(element, () => element.shadowRoot!.textContent!.includes("0 of 1 connected"));
    button(element, "Banking").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("Sandbox Banking"));
    button(element, "Sandbox Banking").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("I agree"));

    expect(calls.find((c) => c.path.includes("/consentTexts"))!.path)
      .toBe("/link/api/companies/c1/consentTexts?sourceType=Banking&platformKey=sbbk");
    const root = element.shadowRoot!;
    expect(root.textContent).not.toContain("LENDER PURPOSE");
    expect([...root.querySelectorAll("section.product h2")].map((h) => h.textContent))
      .toEqual(["Onboarding (Banking)", "Lending (Banking)"]);
    const onboarding = root.querySelector('section.product[data-product="onboarding"]')!;
    expect([...onboarding.querySelectorAll("h3")].map((h) => h.textContent)).toEqual(
      ["Purpose", "Access", "Account information", "Platform data", "Retention"]);
    expect(onboarding.querySelector("strong")!.textContent).toBe("Tiny Ltd");
    expect(onboarding.querySelectorAll("img, a").length).toBe(0); // markup and unsafe links stay text
    expect([...onboarding.querySelectorAll("li")].map((l) => l.textContent))
      .toEqual(["banking-accounts", "banking-transactions"]);

    button(element, "I agree").click();
    await until(element, () => calls.filter((c) => c.path.endsWith("/consents")).length === 2);
    const posted = calls.filter((c) => c.path.endsWith("/consents")).map((c) => c.body!);
    expect(posted.map((b) => [b.productIdentifier, b.textVersion, b.locale]))
      .toEqual([["onboarding", "2026-11-01", "en-GB"], ["lending", "2026-12-24", "en-US"]]);
    expect(posted[0].text).toBe(element.consentText());
    expect(posted[1].text).toBe(posted[0].text);
    expect(posted[0].text).toContain(ONBOARDING.text);
    await until(element, () => consents.length === 1);
    expect(consents[0]).toBe(posted[0].text);
  });

  it("keeps the built-in wording when the company has no products", async () => {
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      const path = new URL(url).pathname;
      if (path === "/link/api/companies/c1") return json(COMPANY);
      if (path.endsWith("/integrations")) return json([INTEGRATION]);
      if (path.endsWith("/consentTexts")) return json([]);
      return json(PENDING);
    }));
    const target = document.createElement("div");
    document.body.append(target);
    await initializeLink(target, { companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example", ...CALLBACKS,
      options: { sourceTypes: { banking: { optional: false, enableIntegrations: true } }, text: { "banking.consents.purpose": "LENDER PURPOSE" } } });
    const element = target.querySelector("bridgekeeper-link") as BridgekeeperLink;
    await until(element, () => element.shadowRoot!.textContent!.includes("0 of 1 connected"));
    button(element, "Banking").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("Sandbox Banking"));
    button(element, "Sandbox Banking").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("Agree and continue"));
    expect(element.shadowRoot!.textContent).toContain("LENDER PURPOSE");
    expect(element.shadowRoot!.querySelector("section.product")).toBeNull();
  });
});
