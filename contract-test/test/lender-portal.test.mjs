// The example lender portal (examples/lender-portal) in headless Chromium against a real server and
// the sandbox platforms: the full journey through the vanilla page and the React page with the
// callbacks checked in order, the cancel and popup-blocked paths, the manage-connections component
// (disconnect, reconnect with the same connection id, keyboard only, axe-core), and Hosted Link with
// and without one-time link tokens. Screenshots of every screen go to target/screenshots/; with
// UPDATE_DOCS_IMAGES=1 the consent screen also replaces docs/images/consent.png, the picture in docs/guides/embed-link.md.

import assert from "node:assert/strict";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startLenderPortal } from "../../examples/lender-portal/server.mjs";
import { apiClient, launchChromium, SCREENSHOTS } from "../support/browser.mjs";
import { startServer } from "../support/server.mjs";

const DOCS_IMAGES = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/images");
const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server;
let portal;
let browser;
let api;

async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on one element of the page: no serious or critical violations. */
async function assertAccessible(page, selector, name) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ content: await AXE_SOURCE });
  }
  const violations = await page.evaluate(async (target) => {
    const result = await window.axe.run(target, { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, selector);
  assert.deepEqual(violations, [], `accessibility problems on ${name}`);
}

async function newPage({ blockPopups = false, viewport = { width: 1100, height: 900 }, bypassCSP = false } = {}) {
  // bypassCSP only where axe-core must be injected into Hosted Link, whose CSP refuses inline scripts
  const context = await browser.newContext({ viewport, bypassCSP });
  if (blockPopups) {
    await context.addInitScript(() => { window.open = () => null; });
  }
  const page = await context.newPage();
  if (process.env.LINK_DEBUG) {
    page.on("console", (m) => console.error(`[page] ${m.type()} ${m.text()}`));
    page.on("pageerror", (e) => console.error(`[page] error ${e.message}`));
  }
  return page;
}

/** Signs in at the sandbox platform (unless this browser already did) and allows or denies access. */
async function signIn(popup, allow = true) {
  const username = popup.getByLabel("Username");
  const decision = popup.getByRole("button", { name: allow ? "Allow access" : "Deny" });
  await username.or(decision).first().waitFor();
  if (await username.isVisible()) {
    await username.fill("user_good");
    await popup.getByLabel("Password").fill("pass_good");
    await popup.getByRole("button", { name: "Sign in" }).click();
  }
  await decision.click();
}

/** One source type through picker, consent and the platform's popup; ends on "Connected", then Continue. */
async function connect(page, sourceType, platformName, screenshotPrefix) {
  await page.getByRole("button", { name: new RegExp(`^${sourceType}`) }).click();
  await page.getByRole("button", { name: platformName }).click();
  await page.getByRole("heading", { name: `Connect ${platformName}` }).waitFor();
  if (screenshotPrefix) {
    await shot(page, `${screenshotPrefix}-consent`);
  }
  const popupOpened = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Agree and continue" }).click();
  await signIn(await popupOpened);
  await page.getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
  if (screenshotPrefix) {
    await shot(page, `${screenshotPrefix}-connected`);
  }
  await page.getByRole("button", { name: "Continue" }).click();
}

const events = (page) => page.evaluate(() => window.portalEvents);

/** The loan application through one of the portal's pages; returns the callbacks and the company. */
async function loanApplication(page, path, prefix) {
  await page.goto(`${portal.url}${path}`);
  await page.getByRole("button", { name: "Loan application" }).click();
  await page.getByRole("heading", { name: "Share your business data with Northwind Bank" }).waitFor();
  await shot(page, `${prefix}-1-landing`);
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByText("0 of 3 connected").waitFor();
  // the lender renamed Commerce and made it optional
  await page.getByRole("button", { name: /^Revenue/ }).waitFor();
  await shot(page, `${prefix}-2-source-types`);
  await connect(page, "Accounting", "Sandbox Accounting", `${prefix}-3-accounting`);
  await page.getByText("1 of 3 connected").waitFor();
  assert.equal(await page.getByRole("button", { name: "Complete" }).isDisabled(), true);
  await connect(page, "Banking", "Sandbox Banking", `${prefix}-4-banking`);
  await page.getByText("2 of 3 connected").waitFor();
  await shot(page, `${prefix}-5-required-done`);
  await page.getByRole("button", { name: "Complete" }).click();
  await page.getByRole("heading", { name: "You're all set" }).waitFor();
  await shot(page, `${prefix}-6-finish`);
  await page.getByRole("button", { name: "Done" }).click();
  // the portal opens the manage-connections component once the journey is finished
  await page.getByRole("heading", { name: "Your connections" }).waitFor();
  await page.locator("bridgekeeper-connections li").nth(1).waitFor();
  await shot(page, `${prefix}-7-connections`);
  return events(page);
}

async function assertLoanCallbacks(list) {
  assert.deepEqual(list.map((e) => e[0]), ["onConsent", "onConnectionStarted", "onConnection",
    "onConsent", "onConnectionStarted", "onConnection", "onFinish"]);
  const accounting = list[2][1];
  const banking = list[5][1];
  assert.match(list[0][1].text, /^Connect Sandbox Accounting/);
  assert.match(list[3][1].text, /^Connect Sandbox Banking/);
  assert.deepEqual(list[1][1], accounting);
  assert.deepEqual(list[4][1], banking);
  for (const [args, key, type] of [[accounting, "sbac", "Accounting"], [banking, "sbbk", "Banking"]]) {
    assert.equal(args.integrationKey, key);
    assert.equal(args.sourceType, type);
    const connection = await api("GET", `/companies/${companyOf(args)}/connections/${args.connectionId}`);
    assert.equal(connection.status, "Linked");
    assert.equal(connection.integrationId, args.integrationId);
    assert.equal(connection.sourceId, args.sourceId);
  }
}

// connection ids are unique: find the company that holds one
const companies = new Map();
function companyOf(args) {
  return companies.get(args.connectionId);
}

async function rememberCompany(page, key) {
  const session = await page.evaluate((k) => JSON.parse(sessionStorage.getItem(k)), key);
  const list = await api("GET", `/companies/${session.companyId}/connections`);
  for (const c of list.results) {
    companies.set(c.id, session.companyId);
  }
  return session.companyId;
}

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  server = await startServer({ name: "lender-portal-server" });
  api = apiClient(server);
  portal = await startLenderPortal({ bridgekeeperUrl: server.baseUrl, apiKey: server.apiKey });
  await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: "" });
  await api("POST", "/corsSettings", { allowedOrigins: [portal.url] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await portal?.close();
  await server?.stop();
});

describe("the example lender portal", () => {
  test("vanilla page: the loan application connects accounting and banking, callbacks in order", async () => {
    const page = await newPage();
    const list = await loanApplication(page, "/vanilla.html", "portal-vanilla");
    await rememberCompany(page, "portal-session");
    await assertLoanCallbacks(list);
    if (process.env.UPDATE_DOCS_IMAGES === "1") {
      // the docs' consent screenshot comes from this run when asked for (a normal build leaves docs/ alone)
      await copyFile(join(SCREENSHOTS, "portal-vanilla-3-accounting-consent.png"), join(DOCS_IMAGES, "consent.png"));
    }
    await page.context().close();
  });

  test("React page: the same journey through <BridgekeeperLink>", async () => {
    const page = await newPage();
    const list = await loanApplication(page, "/react/", "portal-react");
    await rememberCompany(page, "portal-react-session");
    await assertLoanCallbacks(list);
    await page.context().close();
  });

  test("onboarding asks for banking only; Deny ends on Not connected with no onConnection", async () => {
    const page = await newPage();
    await page.goto(`${portal.url}/vanilla.html`);
    await page.getByRole("button", { name: "Business account onboarding" }).click();
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByText("0 of 1 connected").waitFor();
    assert.equal(await page.getByRole("button", { name: /^Accounting/ }).count(), 0);
    await shot(page, "portal-onboarding-1-source-types");
    await page.getByRole("button", { name: /^Banking/ }).click();
    await page.getByRole("button", { name: "Sandbox Banking" }).click();
    const popupOpened = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Agree and continue" }).click();
    await signIn(await popupOpened, false);
    await page.getByRole("heading", { name: "Not connected" }).waitFor({ timeout: 20_000 });
    await shot(page, "portal-onboarding-2-cancelled");
    assert.deepEqual((await events(page)).map((e) => e[0]), ["onConsent", "onConnectionStarted"]);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { name: "Connect Sandbox Banking" }).waitFor();
    await page.context().close();
  });

  test("popup blocked: the React page's journey goes to the platform in the same tab and resumes", async () => {
    await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: `${portal.url}/react/?statusCode={statusCode}`,
      whiteListUrls: [portal.url] });
    try {
      const page = await newPage({ blockPopups: true });
      await page.goto(`${portal.url}/react/`);
      await page.getByRole("button", { name: "Business account onboarding" }).click();
      await page.getByRole("button", { name: "Get started" }).click();
      await page.getByRole("button", { name: /^Banking/ }).click();
      await page.getByRole("button", { name: "Sandbox Banking" }).click();
      await page.getByRole("button", { name: "Agree and continue" }).click();
      await signIn(page);
      await page.waitForURL(new RegExp(`^${portal.url}/react/\\?statusCode=200&connectionId=`));
      await page.getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
      await shot(page, "portal-react-popup-blocked-connected");
      const list = await events(page);
      assert.deepEqual(list.map((e) => e[0]), ["onConnection"]);
      assert.equal(list[0][1].integrationKey, "sbbk");
      await page.context().close();
    } finally {
      await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: "" });
    }
  });
});

describe("manage connections", () => {
  /** A company with a Linked Sandbox Banking connection, made through the vanilla page's onboarding journey. */
  async function onboarded(page) {
    await page.goto(`${portal.url}/vanilla.html`);
    await page.getByRole("button", { name: "Business account onboarding" }).click();
    await page.getByRole("button", { name: "Get started" }).click();
    await connect(page, "Banking", "Sandbox Banking");
    await page.getByRole("button", { name: "Complete" }).click();
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("heading", { name: "Your connections" }).waitFor();
    const companyId = await rememberCompany(page, "portal-session");
    const [connection] = (await api("GET", `/companies/${companyId}/connections`)).results;
    return { companyId, connectionId: connection.id };
  }

  test("disconnect after confirmation, then reconnect: same connection id, Linked again", async () => {
    const page = await newPage();
    const { companyId, connectionId } = await onboarded(page);
    const item = page.locator("bridgekeeper-connections li").filter({ hasText: "Sandbox Banking" });
    await item.getByText("✓ Connected").waitFor();
    await shot(page, "connections-1-list");
    await assertAccessible(page, "bridgekeeper-connections", "the connections list");

    await item.getByRole("button", { name: "Disconnect Sandbox Banking" }).click();
    const dialog = page.getByRole("dialog", { name: "Disconnect Sandbox Banking?" });
    await dialog.getByText("Northwind Bank will no longer receive updates from Sandbox Banking").waitFor();
    assert.match(await dialog.textContent(), /: your [a-z ,]*bank accounts[a-z ,]* and bank transactions\./);
    await shot(page, "connections-2-confirm");
    await assertAccessible(page, "bridgekeeper-connections", "the disconnect confirmation");
    await dialog.getByRole("button", { name: "Disconnect" }).click();
    await item.getByText("Disconnected", { exact: true }).waitFor();
    await shot(page, "connections-3-disconnected");
    assert.equal((await api("GET", `/companies/${companyId}/connections/${connectionId}`)).status, "Unlinked");

    const popupOpened = page.waitForEvent("popup");
    await item.getByRole("button", { name: "Reconnect Sandbox Banking" }).click();
    const popup = await popupOpened;
    await item.getByText("Waiting for Sandbox Banking…").waitFor();
    await shot(page, "connections-4-waiting");
    await signIn(popup);
    await item.getByText("✓ Connected").waitFor({ timeout: 20_000 });
    await shot(page, "connections-5-reconnected");

    const reconnected = await api("GET", `/companies/${companyId}/connections/${connectionId}`);
    assert.equal(reconnected.id, connectionId);
    assert.equal(reconnected.status, "Linked");
    assert.equal((await api("GET", `/companies/${companyId}/connections`)).results.length, 1, "no new connection");
    const list = await events(page);
    assert.deepEqual(list.slice(-2), [["onDisconnect", { connectionId }], ["onReconnect", { connectionId }]]);
    await page.context().close();
  });

  test("keyboard only: reach Disconnect, confirm with Enter, Escape keeps, Reconnect by keyboard", async () => {
    const page = await newPage();
    const { companyId, connectionId } = await onboarded(page);
    const element = page.locator("bridgekeeper-connections");
    await element.getByText("✓ Connected").waitFor();
    const focused = () => page.evaluate(() => {
      const host = document.querySelector("bridgekeeper-connections");
      const active = host.shadowRoot.activeElement;
      return active ? active.textContent.replace(/\s+/g, " ").trim() : null;
    });
    /** Waits until the focused control inside the component has this text. */
    const focusIs = (text) => page.waitForFunction((expected) => {
      const active = document.querySelector("bridgekeeper-connections").shadowRoot.activeElement;
      return active?.textContent.replace(/\s+/g, " ").trim() === expected;
    }, text, { timeout: 10_000 });
    // from the heading, Tab reaches the connection's action
    await element.getByRole("heading", { name: "Your connections" }).focus();
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "Disconnect Sandbox Banking");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    // the dialog gives the focus to the safe choice once it knows what stops: Enter right away keeps the connection
    await focusIs("Keep connected");
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "Disconnect", "Tab stays inside the dialog");
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "Keep connected");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await focusIs("Disconnect Sandbox Banking"); // focus returns to the button that opened the dialog
    assert.equal((await api("GET", `/companies/${companyId}/connections/${connectionId}`)).status, "Linked");

    await page.keyboard.press("Enter");
    await focusIs("Keep connected");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focused(), "Disconnect");
    await page.keyboard.press("Enter");
    await element.getByText("Disconnected", { exact: true }).waitFor();
    await focusIs("Reconnect Sandbox Banking"); // focus moves to the action that is left
    assert.equal((await api("GET", `/companies/${companyId}/connections/${connectionId}`)).status, "Unlinked");
    await shot(page, "connections-6-keyboard-disconnected");

    const popupOpened = page.waitForEvent("popup");
    await page.keyboard.press("Enter");
    await signIn(await popupOpened);
    await element.getByText("✓ Connected").waitFor({ timeout: 20_000 });
    assert.equal((await api("GET", `/companies/${companyId}/connections/${connectionId}`)).status, "Linked");
    await page.context().close();
  });

  test("popup blocked: Reconnect goes to the platform in the same tab and the list says so on return", async () => {
    const page = await newPage();
    const { companyId, connectionId } = await onboarded(page);
    const item = page.locator("bridgekeeper-connections li").filter({ hasText: "Sandbox Banking" });
    await item.getByRole("button", { name: "Disconnect Sandbox Banking" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
    await item.getByText("Disconnected", { exact: true }).waitFor();

    await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: `${portal.url}/vanilla.html?statusCode={statusCode}`,
      whiteListUrls: [portal.url] });
    try {
      await page.evaluate(() => { window.open = () => null; }); // the browser blocks the popup from here on
      await item.getByRole("button", { name: "Reconnect Sandbox Banking" }).click();
      await signIn(page);
      await page.waitForURL(new RegExp(`^${portal.url}/vanilla.html\\?statusCode=200&connectionId=`));
      const back = page.locator("bridgekeeper-connections li").filter({ hasText: "Sandbox Banking" });
      await back.getByText("✓ Connected").waitFor({ timeout: 20_000 });
      await page.locator("bridgekeeper-connections").getByRole("status")
        .filter({ hasText: "Sandbox Banking is connected again." }).waitFor();
      await shot(page, "connections-9-reconnected-same-tab");
      // a new page: only what happened after the return was recorded
      assert.deepEqual(await events(page), [["onReconnect", { connectionId }]]);
      const connection = await api("GET", `/companies/${companyId}/connections/${connectionId}`);
      assert.equal(connection.status, "Linked");
    } finally {
      await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: "" });
    }
    await page.context().close();
  });

  test("the React page's <BridgekeeperConnections> lists and disconnects, at phone size", async () => {
    const page = await newPage();
    const { connectionId } = await onboarded(page); // at desktop size, where the platform opens in a popup
    await page.setViewportSize({ width: 360, height: 740 });
    // the React page reuses the company through its own session
    const session = await page.evaluate(() => sessionStorage.getItem("portal-session"));
    await page.evaluate((s) => sessionStorage.setItem("portal-react-session", s), session);
    await page.goto(`${portal.url}/react/`);
    await page.getByRole("button", { name: "Manage your connections" }).click();
    const item = page.locator("bridgekeeper-connections li").filter({ hasText: "Sandbox Banking" });
    await item.getByText("✓ Connected").waitFor();
    await shot(page, "connections-7-react-phone");
    await assertAccessible(page, "bridgekeeper-connections", "the connections list at 360 px");
    // nothing spills sideways at 360 px
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    await item.getByRole("button", { name: "Disconnect Sandbox Banking" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
    await item.getByText("Disconnected", { exact: true }).waitFor();
    await shot(page, "connections-8-react-disconnected-phone");
    assert.deepEqual(await events(page), [["onDisconnect", { connectionId }]]);
    await page.context().close();
  });
});

describe("Hosted Link", () => {
  test("axe-core finds no serious problems on Hosted Link's screens", async () => {
    const company = await api("POST", "/companies", { name: "Hosted Axe Ltd" });
    const { accessToken } = await api("GET", `/companies/${company.id}/accessToken`);
    const page = await newPage({ bypassCSP: true });
    await page.goto(`${company.redirect}#token=${accessToken}`);
    await page.getByRole("button", { name: "Get started" }).waitFor();
    await assertAccessible(page, "bridgekeeper-link", "Hosted Link's landing");
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByText("0 of 3 connected").waitFor();
    await assertAccessible(page, "bridgekeeper-link", "Hosted Link's source types");
    await page.getByRole("button", { name: /^Banking/ }).click();
    await page.getByRole("button", { name: "Sandbox Banking" }).click();
    await page.getByRole("heading", { name: "Connect Sandbox Banking" }).waitFor();
    await assertAccessible(page, "bridgekeeper-link", "Hosted Link's consent");
    await page.context().close();
  });

  test("with hostedLinkRequiresToken: a one-time link works once and a second use gets a clear page", async () => {
    await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: "", hostedLinkRequiresToken: true });
    try {
      const company = await api("POST", "/companies", { name: "Protected Hosted Ltd" });
      const page = await newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(company.redirect);
      await page.getByRole("heading", { name: "Open the link you were sent" }).waitFor();
      await shot(page, "hosted-token-1-no-token");

      const issued = await api("POST", `/companies/${company.id}/hostedLink/token`);
      await page.goto(issued.linkUrl);
      await page.getByRole("heading", { name: "Share your business data with Northwind Bank" }).waitFor();
      await shot(page, "hosted-token-2-journey");
      // opening the link did not spend it; Get started does, and wipes it from the address bar
      await page.getByRole("button", { name: "Get started" }).click();
      await page.getByText("0 of 3 connected").waitFor();
      assert.equal(new URL(page.url()).search, "", "the one-time token is wiped from the address bar");

      const again = await newPage({ viewport: { width: 390, height: 844 } });
      const second = await again.goto(issued.linkUrl);
      assert.equal(second.status(), 410);
      await again.getByRole("heading", { name: "This link has already been used" }).waitFor();
      await shot(again, "hosted-token-3-used");
      await again.context().close();
      await page.context().close();
    } finally {
      await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: "" });
    }
  });
});
