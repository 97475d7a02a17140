import { afterEach, describe, expect, it, vi } from "vitest";
import { journeyStep, randomJourneyId } from "../src/funnel.js";
import { initializeLink } from "../src/index.js";
import type { BridgekeeperLink } from "../src/index.js";

const COMPANY = { companyId: "c1", companyName: "Tiny Ltd", lender: { name: "Acme Bank" } };
const INTEGRATION = { key: "sbac", name: "Sandbox Accounting", sourceType: "Accounting", sandbox: true,
  dataTypes: ["invoices"] };
const PENDING = { id: "conn-1", integrationId: "i1", integrationKey: "sbac", sourceId: "s1", sourceType: "Accounting",
  platformName: "Sandbox Accounting", linkUrl: "https://bk.example/companies/c1/connections/conn-1/start",
  status: "PendingAuth", errorCount: 0 };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A fake server that keeps the beacon's bodies, in the order they arrived. */
function server() {
  const beacons: Record<string, string>[] = [];
  const headers: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    if (path === "/link/api/companies/c1/journeySteps") {
      beacons.push(JSON.parse(init.body as string));
      headers.push(init.headers);
      return new Response(null, { status: 204 });
    }
    if (path === "/link/api/companies/c1") return json(COMPANY);
    if (path.startsWith("/link/api/companies/c1/integrations")) return json([INTEGRATION]);
    if (path === "/link/api/companies/c1/consentTexts") return json([]);
    if (path === "/link/api/companies/c1/connections") return json(PENDING);
    if (path === "/link/api/companies/c1/consents") return json({ id: "k1", textSha256: "ab", acceptedUtc: "now" }, 201);
    if (path === "/link/api/companies/c1/connections/conn-1") return json(PENDING);
    return json({ error: "not found" }, 404);
  }));
  return { beacons, headers };
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

async function openLink(): Promise<BridgekeeperLink> {
  const target = document.createElement("div");
  document.body.append(target);
  await initializeLink(target, {
    companyId: "c1", accessToken: "tok", baseUrl: "https://bk.example",
    onConnection: () => undefined, onFinish: () => undefined, onError: () => undefined,
    options: { showLandingPage: true, sourceTypes: { accounting: { optional: false, enableIntegrations: true } } },
  });
  return target.querySelector("bridgekeeper-link") as BridgekeeperLink;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe("the funnel's beacon", () => {
  it("sends each step the browser sees, in order, under one journey id and the company token", async () => {
    const { beacons, headers } = server();
    vi.spyOn(window, "open").mockReturnValue({ closed: false, location: { href: "" }, close() {} } as unknown as Window);
    const element = await openLink();
    await until(element, () => beacons.length === 1);
    expect(beacons[0].step).toBe("opened");

    button(element, "Get started").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("0 of 1 connected"));
    button(element, "Accounting").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("Sandbox Accounting"));
    button(element, "Can't find yours?").click();
    await until(element, () => beacons.length === 3);
    button(element, "Back").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("Sandbox Accounting"));
    button(element, "Sandbox Accounting").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("Agree and continue"));
    button(element, "Agree and continue").click();
    await until(element, () => beacons.length === 5);

    const journeyId = beacons[0].journeyId;
    expect(journeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(beacons).toEqual([
      { journeyId, step: "opened" },
      { journeyId, step: "sourceTypeChosen", sourceType: "Accounting" },
      { journeyId, step: "platformMissing", sourceType: "Accounting" },
      { journeyId, step: "platformChosen", platformKey: "sbac" },
      { journeyId, step: "connectionStarted", connectionId: "conn-1" },
    ]);
    expect(headers[0]).toMatchObject({ Authorization: "Bearer tok" });
  });

  it("starts a new journey id when the journey starts again, and a refused beacon does not stop the journey", async () => {
    const { beacons } = server();
    const element = await openLink();
    await until(element, () => beacons.length === 1);
    element.props = { ...element.props! };
    await until(element, () => beacons.length === 2);
    expect(beacons[1].journeyId).not.toBe(beacons[0].journeyId);

    vi.stubGlobal("fetch", vi.fn(async (url: string) => new URL(url).pathname.endsWith("/journeySteps")
      ? json({ statusCode: 429, error: "Too many" }, 429) : json(COMPANY)));
    button(element, "Get started").click();
    await until(element, () => element.shadowRoot!.textContent!.includes("0 of 1 connected"));
  });

  it("keeps the journey id across the same-tab trip to the platform", async () => {
    const { beacons } = server();
    const journeyId = randomJourneyId();
    // what the journey kept when the platform's sign-in took the tab (a phone): the tab now comes back
    sessionStorage.setItem("bridgekeeper-link:c1", JSON.stringify({ linked: [], step: "accounting",
      integration: INTEGRATION, connection: PENDING, baseline: 0, journeyId }));
    const element = await openLink();
    await until(element, () => beacons.length >= 2);
    expect(beacons).toEqual([{ journeyId, step: "connectionStarted", connectionId: "conn-1" },
      { journeyId, step: "opened" }]);
    expect(sessionStorage.getItem("bridgekeeper-link:c1")).toBeNull();
  });

  it("maps the funnel events to the beacon's steps and leaves the others out", () => {
    expect(journeyStep("j", "stepViewed", { step: "picker" })).toBeUndefined();
    expect(journeyStep("j", "connected", { connectionId: "c" })).toBeUndefined();
    expect(journeyStep("j", "consentGiven", {})).toBeUndefined();
    expect(journeyStep("j", "platformChosen", { integrationKey: "xero" })).toEqual({ journeyId: "j",
      step: "platformChosen", platformKey: "xero" });
    expect(new Set(Array.from({ length: 50 }, randomJourneyId)).size).toBe(50);
  });
});
