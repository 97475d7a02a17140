// Consent per product in the browser, against a real server and the sandbox platforms: an existing customer
// (onboarding consent, Sandbox Banking Linked) takes the lending product and gives its consent in the Link
// journey with enableAdditionalConsent — no platform sign-in, same connection; then, in the manage-connections
// component, stops sharing for one product after seeing the impact (the other stays Active) and renews a
// consent that ends soon. The onboarding product's banking consents last 10 days here (reminder 7 days before),
// inside the component's 14-day Renew window, so they are "ending soon" from the start. Screenshots go to target/screenshots/.

import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiClient, launchChromium, SCREENSHOTS } from "../support/browser.mjs";
import { linkThroughSandbox } from "../support/sandbox-link.mjs";
import { startServer } from "../support/server.mjs";

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server;
let browser;
let api;
let lenderServer;
let LENDER;
let lenderBody = () => "";

/** The customer: a company with the onboarding product, its banking consent and a Linked Sandbox Banking. */
const customer = {};

async function linkApi(method, path, body) {
  const response = await fetch(`${server.baseUrl}/link/api/companies/${customer.companyId}${path}`, {
    method,
    headers: { Authorization: `Bearer ${customer.accessToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path} -> ${response.status} ${text}`);
  return JSON.parse(text);
}

const consents = async () => (await api("GET", `/companies/${customer.companyId}/consents`)).results;
const consentOf = async (product) => (await consents()).find((c) => c.productIdentifier === product
  && c.status === "Active");

function page(element, options, who = customer) {
  const props = JSON.stringify({ companyId: who.companyId, accessToken: who.accessToken, options });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Northwind Bank</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="${server.baseUrl}/link/${element === "link" ? "sdk" : "connections"}.js"></script></head>
<body style="margin:0"><main><h1>Northwind Bank</h1><bridgekeeper-${element} id="ui"></bridgekeeper-${element}></main>
<script type="module">
  window.events = [];
  const record = (name) => (args) => window.events.push([name, args]);
  await customElements.whenDefined("bridgekeeper-${element}");
  document.getElementById("ui").props = { ...${props}, onConsent: record("onConsent"), onFinish: record("onFinish"),
    onConnection: record("onConnection"), onError: record("onError"), onConsentRevoked: record("onConsentRevoked"),
    onConsentRenewed: record("onConsentRenewed") };
</script></body></html>`;
}

async function open(element, options, viewport = { width: 900, height: 1000 }, who = customer) {
  const context = await browser.newContext({ viewport });
  lenderBody = () => page(element, options, who);
  const tab = await context.newPage();
  if (process.env.LINK_DEBUG) {
    tab.on("console", (m) => console.error(`[page] ${m.type()} ${m.text()}`));
  }
  await tab.goto(`${LENDER}/portal`);
  return tab;
}

/** Screenshot, then axe-core on the element: no serious or critical violations. */
async function shot(tab, name, selector) {
  await tab.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (!(await tab.evaluate(() => "axe" in window))) {
    await tab.addScriptTag({ content: await AXE_SOURCE });
  }
  const violations = await tab.evaluate(async (target) => {
    const result = await window.axe.run(target, { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, selector);
  assert.deepEqual(violations, [], `accessibility problems on ${name}`);
}

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  lenderServer = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(lenderBody());
  });
  await new Promise((listening) => lenderServer.listen(0, "127.0.0.1", listening));
  LENDER = `http://127.0.0.1:${lenderServer.address().port}`;
  server = await startServer({ name: "consent-ui-server", env: { SPRING_APPLICATION_JSON: JSON.stringify(
    { bridgekeeper: { products: { onboarding: { "consent-policy": {
      "source-type-durations": { Banking: "P10D" }, "reminder-lead-time": "P7D" } } } } }) } });
  api = apiClient(server);
  await api("PUT", "/profile", { name: "Northwind Bank", redirectUrl: "" });
  await api("POST", "/corsSettings", { allowedOrigins: [LENDER] });
  browser = await launchChromium();

  // the customer onboarded earlier: onboarding product, its consent recorded through the Link API, banking linked
  const company = await api("POST", "/companies", { name: "Existing Customer Ltd" });
  customer.companyId = company.id;
  await api("PUT", `/companies/${company.id}/products/onboarding`);
  customer.accessToken = (await api("GET", `/companies/${company.id}/accessToken`)).accessToken;
  const connection = await linkApi("POST", "/connections", { platformKey: "sbbk" });
  await linkApi("POST", "/consents", { connectionId: connection.id, sourceType: "Banking",
    text: "Onboarding: Northwind Bank reads your bank accounts and transactions." });
  await linkThroughSandbox(server.baseUrl, connection.linkUrl, "user_good");
  assert.equal((await api("GET", `/companies/${company.id}/connections/${connection.id}`)).status, "Linked");
  customer.connectionId = connection.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  lenderServer?.close();
});

describe("consent per product in the browser", () => {
  test("(a) a new product's consent in the Link journey: no sign-in, same connection, only that product", async () => {
    await api("PUT", `/companies/${customer.companyId}/products/lending`);
    const onboardingBefore = await consentOf("onboarding");
    assert.deepEqual((await linkApi("GET", "/consents/pending")).map((p) => [p.productIdentifier, p.connectionId]),
      [["lending", customer.connectionId]]);

    const tab = await open("link", { enableAdditionalConsent: true, sourceTypes: {
      banking: { optional: false, enableIntegrations: true }, accounting: { optional: true, enableIntegrations: true } } });
    let popups = 0;
    tab.on("popup", () => popups++);
    const link = tab.locator("bridgekeeper-link");
    await link.getByRole("heading", { name: "Share Sandbox Banking for Lending" }).waitFor();
    await link.getByText("No need to sign in again").waitFor();
    await link.getByText("transaction categories").waitFor();
    await shot(tab, "consent-ui-1-additional-consent", "bridgekeeper-link");
    await link.getByRole("button", { name: "Agree and share" }).click();
    await link.getByText("1 of 2 connected").waitFor();
    await link.getByText("✓ Connected: Sandbox Banking").waitFor();
    await shot(tab, "consent-ui-2-additional-recorded", "bridgekeeper-link");
    await link.getByRole("button", { name: "Complete" }).click();
    await link.getByRole("heading", { name: "You're all set" }).waitFor();
    await shot(tab, "consent-ui-3-finish", "bridgekeeper-link");
    await link.getByRole("button", { name: "Done" }).click();

    assert.equal(popups, 0, "no window opened for the platform");
    const events = await tab.evaluate(() => window.events);
    assert.deepEqual(events.map(([name]) => name), ["onConsent", "onFinish"]);
    const lending = await consentOf("lending");
    assert.ok(lending, "an Active lending consent");
    assert.deepEqual(lending.connectionIds, [customer.connectionId]);
    assert.equal(lending.sourceType, "Banking");
    assert.equal(lending.channel, "Link");
    assert.equal(lending.text, events[0][1].text, "the record keeps the text the page showed");
    assert.ok(lending.dataTypes.includes("banking-transactionCategories"));
    assert.match(lending.text, /cannot change anything in Sandbox Banking/);
    assert.doesNotMatch(lending.text, /\{\w+\}/, "every placeholder filled in");
    const onboarding = await consentOf("onboarding");
    assert.equal(onboarding.id, onboardingBefore.id, "the onboarding consent is untouched");
    const connections = (await api("GET", `/companies/${customer.companyId}/connections`)).results;
    assert.deepEqual(connections.map((c) => [c.id, c.status]), [[customer.connectionId, "Linked"]], "no new connection");
    assert.deepEqual(await linkApi("GET", "/consents/pending"), []);
    await tab.context().close();
  });

  test("(c) Renew on a consent ending soon extends it, at phone size", async () => {
    const before = await consentOf("onboarding");
    const tab = await open("connections", { locale: "en-GB" }, { width: 360, height: 800 });
    const item = tab.locator("bridgekeeper-connections li").filter({ hasText: "Sandbox Banking" }).first();
    await item.getByText("Shared for").waitFor();
    await item.getByText("Onboarding · ends soon").waitFor();
    await shot(tab, "consent-ui-4-connections-phone", "bridgekeeper-connections");
    const width = await tab.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `no sideways scrolling at 360 px (page is ${width} px wide)`);
    await item.getByRole("button", { name: "Renew Onboarding for Sandbox Banking" }).click();
    await tab.locator("bridgekeeper-connections").getByRole("status")
      .filter({ hasText: "Sharing Sandbox Banking for Onboarding is renewed until" }).waitFor();
    await shot(tab, "consent-ui-5-renewed-phone", "bridgekeeper-connections");
    const after = await consentOf("onboarding");
    assert.equal(after.id, before.id);
    assert.ok(Date.parse(after.expiresAt) > Date.parse(before.expiresAt), "expiresAt moved later");
    assert.equal(after.reconfirmations.length, 1);
    assert.equal(after.reconfirmations[0].previousExpiresAt, before.expiresAt);
    assert.equal(after.reconfirmations[0].channel, "Link");
    await tab.context().close();
  });

  test("(b) Stop sharing for one product: impact first, then only that consent is Revoked", async () => {
    const tab = await open("connections", { locale: "en-GB" });
    const element = tab.locator("bridgekeeper-connections");
    const item = element.locator("li").filter({ hasText: "Sandbox Banking" }).first();
    await item.getByText("Lending").first().waitFor();
    await shot(tab, "consent-ui-6-connections-products", "bridgekeeper-connections");

    // by keyboard: focus the button, Enter opens the dialog with focus on its first action
    await item.getByRole("button", { name: "Stop sharing for Lending from Sandbox Banking" }).focus();
    await tab.keyboard.press("Enter");
    const dialog = element.getByRole("dialog", { name: "Stop sharing Sandbox Banking for Lending?" });
    await dialog.getByText("Lending will no longer receive your").waitFor();
    const said = await dialog.textContent();
    assert.match(said, /transaction categories/);
    assert.match(said, /We stop fetching your transaction categories/);
    assert.doesNotMatch(said, /will be disconnected/, "onboarding still uses the connection");
    assert.match(said, /is deleted on/);
    await shot(tab, "consent-ui-7-stop-impact", "bridgekeeper-connections");
    assert.equal((await consentOf("lending")).status, "Active", "showing the impact changed nothing");
    const focused = () => tab.evaluate(() => document.querySelector("bridgekeeper-connections").shadowRoot.activeElement?.textContent);
    // the safe choice has the focus; Tab (wrapping inside the dialog) reaches Stop sharing
    assert.equal(await focused(), "Keep sharing");
    await tab.keyboard.press("Tab");
    assert.equal(await focused(), "Stop sharing");
    await tab.keyboard.press("Enter");
    await element.getByRole("status").filter({ hasText: "You stopped sharing Sandbox Banking for Lending." }).waitFor();
    await dialog.waitFor({ state: "detached" });
    await shot(tab, "consent-ui-8-stopped", "bridgekeeper-connections");
    assert.equal(await item.getByRole("button", { name: /Stop sharing for Lending/ }).count(), 0);

    const all = await consents();
    const lending = all.filter((c) => c.productIdentifier === "lending");
    assert.deepEqual(lending.map((c) => c.status), ["Revoked"]);
    assert.equal(lending[0].revokedBy, "CompanyToken");
    assert.equal((await consentOf("onboarding")).status, "Active");
    assert.equal((await api("GET", `/companies/${customer.companyId}/connections/${customer.connectionId}`)).status,
      "Linked", "the connection stays: onboarding still has consent");
    const events = await tab.evaluate(() => window.events);
    assert.deepEqual(events, [["onConsentRevoked", { consentId: lending[0].id, connectionId: customer.connectionId,
      productIdentifier: "lending" }]]);
    await tab.context().close();
  });

  test("(d) a new customer with the onboarding product sees onboarding's configured texts and consents under its version", async () => {
    const company = await api("POST", "/companies", { name: "Fresh Start Ltd" });
    await api("PUT", `/companies/${company.id}/products/onboarding`);
    const who = { companyId: company.id, accessToken: (await api("GET", `/companies/${company.id}/accessToken`)).accessToken };
    const onboarding = (await api("GET", "/products")).find((p) => p.identifier === "onboarding");
    const purpose = onboarding.consentTexts.purpose.replace("{lenderName}", "Northwind Bank")
      .replace("{companyName}", "Fresh Start Ltd");

    const tab = await open("link", { sourceTypes: { banking: { optional: false, enableIntegrations: true } },
      // the lender's own purpose wording gives way to the product's configured, versioned one
      text: { "banking.consents.purpose": "LENDER PURPOSE" } }, undefined, who);
    const link = tab.locator("bridgekeeper-link");
    await link.getByRole("button", { name: /Banking/ }).click();
    await link.getByRole("button", { name: "Sandbox Banking" }).click();
    const section = link.locator('section.product[data-product="onboarding"]');
    await link.getByText("See everything that's shared, why and for how long").click();
    await section.getByRole("heading", { name: "Onboarding: your banking data" }).waitFor();
    assert.equal(await section.locator("section.consent").first().locator("p").textContent(), purpose);
    assert.equal(await link.getByText("LENDER PURPOSE").count(), 0);
    await shot(tab, "consent-ui-9-product-texts", "bridgekeeper-link");
    const shown = await tab.evaluate(() => document.getElementById("ui").consentText());
    const sections = await section.locator("section.consent").allInnerTexts();

    const popupOpened = tab.waitForEvent("popup");
    await link.getByRole("button", { name: "Agree and continue" }).click();
    const popup = await popupOpened;
    await popup.getByLabel("Username").fill("user_good");
    await popup.getByLabel("Password").fill("pass_good");
    await popup.getByRole("button", { name: "Sign in" }).click();
    const popupClosed = popup.waitForEvent("close");
    await popup.getByRole("button", { name: "Allow access" }).click();
    await popupClosed;
    await link.getByRole("heading", { name: "Connected", exact: true }).waitFor();

    const records = (await api("GET", `/companies/${company.id}/consents`)).results;
    assert.equal(records.length, 1);
    const [record] = records;
    assert.equal(record.productIdentifier, "onboarding");
    assert.equal(record.textVersion, onboarding.consentTexts.version);
    assert.equal(record.locale, onboarding.consentTexts.locale);
    assert.equal(record.channel, "Link");
    assert.equal(record.text, shown, "the record keeps exactly the text the screen showed");
    const events = await tab.evaluate(() => window.events);
    assert.equal(events.find(([name]) => name === "onConsent")[1].text, shown);
    for (const part of sections) {
      // each shown section (title, then its words) is in the record; list items as the server rendered them
      const [title, ...body] = part.split("\n").filter((l) => l.trim());
      assert.ok(record.text.includes(`${title}\n${body[0]}`), `section ${title} recorded as shown`);
    }
    assert.ok(record.text.includes(`Purpose\n${purpose}`));
    assert.doesNotMatch(record.text, /\{\w+\}/, "every placeholder filled in");
    assert.deepEqual(record.dataTypes, onboarding.sourceTypes.Banking.dataTypes);
    await tab.context().close();
  });
});
