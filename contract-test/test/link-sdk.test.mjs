// The Link SDK in a real browser: a lender's plain HTML page loads <server>/link/sdk.js with
// <script type="module">, and headless Chromium walks the whole journey against the sandbox —
// source types, platform picker, consent, the platform's sign-in in a popup, the result and the
// finish — checking that the callbacks fire in order with the right arguments. Also the cancel
// (Deny) path and Hosted Link. Screenshots of every screen go to target/screenshots/.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { apiClient, launchChromium, SCREENSHOTS } from "../support/browser.mjs";
import { startServer } from "../support/server.mjs";

// the lender's site: a small HTTP server on another loopback port, so another origin than Bridgekeeper
// (Chromium refuses a page it cannot place in an address space access to the loopback server)
let LENDER;
let lenderServer;
let lenderBody = () => "";

let server;
let browser;

let api;

/** The lender's page: the SDK from the server, the element, and callbacks recorded in window.linkEvents. */
function lenderPage(companyId, accessToken) {
  const props = JSON.stringify({ companyId, accessToken });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lender portal</title>
<script type="module" src="${server.baseUrl}/link/sdk.js"></script></head>
<body><h1>Loan application</h1><bridgekeeper-link id="link"></bridgekeeper-link>
<script type="module">
  window.linkEvents = [];
  const record = (name) => (args) => window.linkEvents.push(args === undefined ? [name] : [name, args]);
  await customElements.whenDefined("bridgekeeper-link");
  document.getElementById("link").props = {
    ...${props},
    onConnection: record("onConnection"), onConnectionStarted: record("onConnectionStarted"),
    onConsent: record("onConsent"), onFinish: record("onFinish"), onError: record("onError"),
    onClose: record("onClose"),
    options: {
      showLandingPage: true,
      theme: { colors: { primary: "#0b6e4f" } },
      sourceTypes: {
        accounting: { optional: false, enableIntegrations: true },
        banking: { optional: true, enableIntegrations: true },
      },
      text: { "accounting.consents.termsAndConditions": "See our [terms](https://lender.example/terms). <script>window.pwned = 1<\\/script> [x](javascript:window.pwned=2)" },
    },
  };
</script></body></html>`;
}

async function newCompany(name) {
  const company = await api("POST", "/companies", { name });
  const { accessToken } = await api("GET", `/companies/${company.id}/accessToken`);
  return { company, accessToken };
}

async function openLenderPage(companyId, accessToken) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  lenderBody = () => lenderPage(companyId, accessToken);
  const page = await context.newPage();
  if (process.env.LINK_DEBUG) {
    page.on("console", (m) => console.error(`[page] ${m.type()} ${m.text()}`));
    page.on("pageerror", (e) => console.error(`[page] error ${e.message}`));
  }
  await page.goto(`${LENDER}/apply`);
  return page;
}

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Screenshot of the screen, and axe-core's check of the Link element: no serious or critical violations. */
async function shot(page, name, { axe = true } = {}) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (!axe) {
    return;
  }
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ content: await AXE_SOURCE });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run("bridgekeeper-link", { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(violations, [], `accessibility problems on ${name}`);
}

/** The journey up to the consent screen for one source type and platform. */
async function toConsent(page, sourceType, platformName) {
  await page.getByRole("button", { name: new RegExp(`^${sourceType}`) }).click();
  await page.getByLabel("Search").fill(platformName.split(" ")[1]);
  await page.getByRole("button", { name: platformName }).click();
  await page.getByRole("heading", { name: `Connect ${platformName}` }).waitFor();
}

async function signInAtPlatform(popup) {
  await popup.getByLabel("Username").waitFor();
  await popup.getByLabel("Username").fill("user_good");
  await popup.getByLabel("Password").fill("pass_good");
  await popup.getByRole("button", { name: "Sign in" }).click();
}

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  lenderServer = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(lenderBody());
  });
  await new Promise((listening) => lenderServer.listen(0, "127.0.0.1", listening));
  LENDER = `http://127.0.0.1:${lenderServer.address().port}`;
  server = await startServer({ name: "link-sdk-server" });
  api = apiClient(server);
  // no redirectUrl: the popup ends on Bridgekeeper's "You can close this window" page
  await api("PUT", "/profile", { name: "Example Lender", redirectUrl: "" });
  await api("POST", "/corsSettings", { allowedOrigins: [LENDER] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  lenderServer?.close();
});

describe("@bridgekeeper/link embedded in a lender's page", () => {
  test("the full journey connects Sandbox Accounting and the callbacks fire in order", async () => {
    const { company, accessToken } = await newCompany("Embedded Journey Ltd");
    const page = await openLenderPage(company.id, accessToken);

    await page.getByRole("heading", { name: "Share your business data with Example Lender" }).waitFor();
    await shot(page, "link-1-landing");
    await page.getByRole("button", { name: "Get started" }).click();

    await page.getByText("0 of 2 connected").waitFor();
    assert.equal(await page.getByRole("button", { name: "Complete" }).isDisabled(), true);
    await shot(page, "link-2-source-types");

    await page.getByRole("button", { name: /^Accounting/ }).click();
    await page.getByRole("button", { name: "Sandbox Accounting" }).waitFor();
    const logo = page.locator("bridgekeeper-link .grid img").first();
    assert.match(await logo.getAttribute("src"), /\/branding\/sbac\//);
    await shot(page, "link-3-platform-picker");
    await page.getByLabel("Search").fill("Accounting");
    await page.getByRole("button", { name: "Sandbox Accounting" }).click();

    await page.getByRole("heading", { name: "Connect Sandbox Accounting" }).waitFor();
    // the summary leads; every section is one tap away
    await page.getByText("See everything that's shared, why and for how long").click();
    for (const section of ["Purpose", "Access", "Account information", "Platform data", "Retention"]) {
      await page.getByRole("heading", { name: section, exact: true }).waitFor();
    }
    // the Markdown in the lender's text: the https link survives, the script and javascript: link do not
    assert.equal(await page.locator("bridgekeeper-link a[href='https://lender.example/terms']").count(), 1);
    assert.equal(await page.locator("bridgekeeper-link a[href^='javascript']").count(), 0);
    await shot(page, "link-4-consent");

    const popupOpened = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Agree and continue" }).click();
    const popup = await popupOpened;
    await page.getByRole("heading", { name: "Waiting for Sandbox Accounting…" }).waitFor();
    await shot(page, "link-5-waiting");
    await signInAtPlatform(popup);
    await popup.getByRole("button", { name: "Allow access" }).waitFor();
    await shot(popup, "link-6-platform-consent-popup", { axe: false });
    const popupClosed = popup.waitForEvent("close");
    await popup.getByRole("button", { name: "Allow access" }).click();

    await page.getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
    await popupClosed; // the journey closes the window once the connection is Linked
    await shot(page, "link-7-connected");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("1 of 2 connected").waitFor();
    await shot(page, "link-8-source-types-done");
    await page.getByRole("button", { name: "Complete" }).click();
    await page.getByRole("heading", { name: "You're all set" }).waitFor();
    await shot(page, "link-9-finish");
    await page.getByRole("button", { name: "Done" }).click();

    const events = await page.evaluate(() => window.linkEvents);
    assert.deepEqual(events.map((e) => e[0]), ["onConsent", "onConnectionStarted", "onConnection", "onFinish"]);
    const [, consent] = events[0];
    assert.match(consent.text, /^Connect Sandbox Accounting/);
    assert.match(consent.text, /Purpose\nExample Lender uses this data/);
    assert.match(consent.text, /Platform data\n- Company information\n- Chart of accounts/);
    const started = events[1][1];
    const connection = await api("GET", `/companies/${company.id}/connections/${started.connectionId}`);
    assert.equal(connection.status, "Linked");
    const expected = {
      connectionId: connection.id, integrationId: connection.integrationId, integrationKey: "sbac",
      platformName: "Sandbox Accounting", sourceId: connection.sourceId, sourceType: "Accounting",
    };
    assert.deepEqual(started, expected);
    assert.deepEqual(events[2][1], expected);
    // the consent the customer accepted is a consent record, word for word, bound to the connection
    const consents = await api("GET", `/companies/${company.id}/consents`);
    assert.equal(consents.totalResults, 1);
    const record = consents.results[0];
    assert.equal(record.text, consent.text);
    assert.equal(record.textSha256, createHash("sha256").update(consent.text, "utf8").digest("hex"));
    assert.deepEqual([record.channel, record.grantedBy, record.status, record.sourceType],
      ["Link", "CompanyToken", "Active", "Accounting"]);
    assert.deepEqual(record.connectionIds, [connection.id]);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await page.context().close();
  });

  test("Deny at the platform shows Not connected with Try again, and no onConnection", async () => {
    const { company, accessToken } = await newCompany("Embedded Deny Ltd");
    const page = await openLenderPage(company.id, accessToken);
    await page.getByRole("button", { name: "Get started" }).click();
    await toConsent(page, "Banking", "Sandbox Banking");

    const popupOpened = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Agree and continue" }).click();
    const popup = await popupOpened;
    await signInAtPlatform(popup);
    await popup.getByRole("button", { name: "Deny" }).click();

    await page.getByRole("heading", { name: "Not connected" }).waitFor({ timeout: 20_000 });
    await shot(page, "link-10-cancelled");
    const events = await page.evaluate(() => window.linkEvents);
    assert.deepEqual(events.map((e) => e[0]), ["onConsent", "onConnectionStarted"]);
    const connection = await api("GET", `/companies/${company.id}/connections/${events[1][1].connectionId}`);
    assert.equal(connection.status, "PendingAuth");

    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { name: "Connect Sandbox Banking" }).waitFor();
    await page.context().close();
  });

  test("closing the platform's window without finishing returns to the picker with 'try again'", async () => {
    const { company, accessToken } = await newCompany("Embedded Close Ltd");
    const page = await openLenderPage(company.id, accessToken);
    await page.getByRole("button", { name: "Get started" }).click();
    await toConsent(page, "Banking", "Sandbox Banking");
    const popupOpened = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Agree and continue" }).click();
    const popup = await popupOpened;
    await popup.getByLabel("Username").waitFor();
    await popup.close();
    await page.getByRole("alert").filter({ hasText: "Not connected — try again." }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Sandbox Banking" }).waitFor();
    await shot(page, "link-12-popup-closed");
    await page.context().close();
  });

  test("an origin the lender has not allowed gets nothing", async () => {
    const { company, accessToken } = await newCompany("Wrong Origin Ltd");
    const context = await browser.newContext();
    // the same page from "localhost" instead of "127.0.0.1": another origin, not in allowedOrigins
    lenderBody = () => lenderPage(company.id, accessToken);
    const page = await context.newPage();
    await page.goto(`${LENDER.replace("127.0.0.1", "localhost")}/apply`);
    await page.getByRole("heading", { name: "We can't start right now" }).waitFor();
    const events = await page.evaluate(() => window.linkEvents);
    assert.equal(events[0][0], "onError");
    await context.close();
  });
});

describe("popup blocked", () => {
  test("the same tab goes to the platform, returns to the page that hosts Link and shows the result", async () => {
    const { company, accessToken } = await newCompany("Blocked Popup Ltd");
    // no redirectUrl: the journey's own address travels with the sign-in; the page's origin must be allowed
    await api("PUT", "/profile", { name: "Example Lender", redirectUrl: "", whiteListUrls: [LENDER] });
    try {
      const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
      await context.addInitScript(() => { window.open = () => null; });
      lenderBody = () => lenderPage(company.id, accessToken);
      const page = await context.newPage();
      await page.goto(`${LENDER}/apply`);
      await page.getByRole("button", { name: "Get started" }).click();
      await toConsent(page, "Accounting", "Sandbox Accounting");
      await page.getByRole("button", { name: "Agree and continue" }).click();

      await signInAtPlatform(page);
      await page.getByRole("button", { name: "Allow access" }).click();
      await page.waitForURL(new RegExp(`^${LENDER}/apply\\?statusCode=200&connectionId=`));
      await page.getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
      await shot(page, "link-11-connected-after-same-tab-redirect");
      const events = await page.evaluate(() => window.linkEvents);
      assert.deepEqual(events.map((e) => e[0]), ["onConnection"]);
      assert.equal(events[0][1].integrationKey, "sbac");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByText("1 of 2 connected").waitFor();
      await context.close();
    } finally {
      await api("PUT", "/profile", { name: "Example Lender", redirectUrl: "" });
    }
  });
});

describe("Hosted Link", () => {
  test("the company's redirect page runs the journey with the token from the URL fragment", async () => {
    const { company, accessToken } = await newCompany("Hosted Ltd");
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) problems.push(m.text()); });
    await page.goto(`${company.redirect}#token=${accessToken}`);
    await page.getByRole("heading", { name: "Share your business data with Example Lender" }).waitFor();
    assert.equal(new URL(page.url()).hash, "", "the token is wiped from the address bar");
    await shot(page, "hosted-1-landing-phone", { axe: false });
    // keyboard only from here: each screen focuses its heading, Tab reaches the controls in order
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText("0 of 3 connected").waitFor();
    await shot(page, "hosted-2-source-types-phone", { axe: false });
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Pick your accounting platform" }).waitFor();
    await page.getByRole("button", { name: "Sandbox Accounting" }).waitFor(); // the platforms have loaded
    await page.keyboard.press("Tab"); // from the heading to the search box
    await page.keyboard.type("Sandbox");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Connect Sandbox Accounting" }).waitFor();
    await shot(page, "hosted-3-consent-phone", { axe: false });
    assert.deepEqual(problems, [], "no CSP violations or script errors");
    await context.close();
  });
});
