// The Link journey in a real browser against each vendor's emulator: Xero (gbol) and QuickBooks Online (qhyg), at
// desktop (1280×800, the vendor in a popup) and phone (390×844, the vendor in the same tab) size, and the plain
// linkUrl flow. Consent in Hosted Link → the vendor's own sign-in and consent pages (served by the emulators, Java
// test code started from the test classpath, see support/vendor-emulators.mjs) → the organisation choice where
// there are several (Xero: two organisations ticked at Xero, then Bridgekeeper's own choice page; Intuit: its own
// company chooser, one realm per authorization) → Connected. axe-core runs on Bridgekeeper's screens (Link and the
// choice page), not on the emulators'. After each link the API (as the lender) shows the connection Linked with
// connectionInfo naming the chosen organisation; at the end (the syncs run while the later journeys are clicked
// through) each first sync has read that organisation's data, and no request broke a vendor's description. Screenshots:
// target/screenshots/vendor-<vendor>-<desktop|phone|linkurl>-*.png.

import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiClient, launchChromium, SCREENSHOTS } from "../support/browser.mjs";
import { freePort, startServer } from "../support/server.mjs";
import { startVendorEmulators, vendorEnvironment } from "../support/vendor-emulators.mjs";

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];
const SYNC_LIMIT_MS = 120_000;

/** The emulators' people and organisations (XeroEmulatorConfig.defaults(), QboSettings.BOB). */
const XERO_ADVISER = "adviser@practice.test"; // three organisations: ticks two of them at Xero
const XERO = {
  demo: { id: "6f0e2a64-3c1d-4b8e-9d3e-0b7b4a1d2c01", name: "Demo Company (NZ)" },
  northwind: { id: "6f0e2a64-3c1d-4b8e-9d3e-0b7b4a1d2c02", name: "Northwind Trading Ltd" },
  harbour: { id: "6f0e2a64-3c1d-4b8e-9d3e-0b7b4a1d2c03", name: "Harbour Cafe Pty Ltd" },
};
const INTUIT_BOB = { email: "bob@example.com", password: "bob-password" }; // two companies: Intuit asks which
const QBO = {
  bakery: { id: "9341452000002001", name: "Bob's Bakery" },
  bikes: { id: "9341452000002002", name: "Bob's Bike Repairs" },
};

let emulators;
let server;
/** The lender's own page the linkUrl flow ends on: a local server (a redirect's target is not answered by routes). */
let lender;
let LENDER_PAGE;
let browser;
let api;

// ---- helpers -------------------------------------------------------------------------------------------------

async function newPage(size) {
  const context = await browser.newContext({ viewport: size.viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(e.message));
  page.on("console", (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) {
      page.problems.push(m.text());
    }
  });
  return page;
}

/**
 * axe-core on Bridgekeeper's screen: no serious or critical violations. Evaluated through the DevTools protocol,
 * which the page's Content-Security-Policy does not govern, so the policy stays on for the whole journey.
 */
async function assertAccessible(page, selector, name) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.evaluate(await AXE_SOURCE);
  }
  const violations = await page.evaluate(async (target) => {
    const result = await window.axe.run(target, { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, selector);
  assert.deepEqual(violations, [], `accessibility problems on ${name}`);
}

/** A screenshot; axe-core too when the screen is Bridgekeeper's (`axe` names the element to check). */
async function shot(page, name, { axe = null } = {}) {
  await page.screenshot({ path: join(SCREENSHOTS, `vendor-${name}.png`) });
  if (axe) {
    await assertAccessible(page, axe, name);
  }
}

const link = (page) => page.locator("bridgekeeper-link");

/** Hosted Link from the company's redirect URL, to the consent screen of `platformName`; axe on each screen. */
async function hostedLinkToConsent(page, company, platformName, prefix) {
  await page.goto(company.redirect);
  await link(page).getByRole("heading", { name: "Share your business data with Northwind Bank" }).waitFor();
  await link(page).getByRole("button", { name: "Get started" }).click();
  await link(page).getByText("0 of 3 connected").waitFor();
  await link(page).getByRole("button", { name: /^Accounting/ }).click();
  await link(page).getByRole("button", { name: platformName }).waitFor();
  await shot(page, `${prefix}-1-picker`, { axe: "bridgekeeper-link" });
  await link(page).getByRole("button", { name: platformName }).click();
  await link(page).getByRole("heading", { name: `Connect ${platformName}` }).waitFor();
  await shot(page, `${prefix}-2-consent`, { axe: "bridgekeeper-link" });
}

/** Agree: desktop signs in at the vendor in a popup, the phone in this tab. Answers the vendor's page. */
async function agreeAndGoToVendor(page, size) {
  const popupOpened = size.name === "desktop" ? page.waitForEvent("popup") : null;
  await link(page).getByRole("button", { name: "Agree and continue" }).click();
  return popupOpened ? await popupOpened : page;
}

/** Xero's sign-in and consent pages (the emulator's): signs in as the adviser and ticks `ticked`. */
async function atXero(vendor, prefix, ticked) {
  await vendor.getByLabel("Email address").waitFor();
  await vendor.screenshot({ path: join(SCREENSHOTS, `vendor-${prefix}-3-xero-sign-in.png`) });
  await vendor.getByLabel("Email address").fill(XERO_ADVISER);
  await vendor.getByLabel("Password").fill(emulators.xeroPassword);
  await vendor.getByRole("button", { name: "Log in" }).click();
  await vendor.getByRole("heading", { name: /wants access to your Xero data$/ }).waitFor();
  for (const org of ticked) {
    await vendor.getByLabel(org.name).check();
  }
  await vendor.screenshot({ path: join(SCREENSHOTS, `vendor-${prefix}-4-xero-consent.png`) });
  await vendor.getByRole("button", { name: "Allow access" }).click();
}

/** Bridgekeeper's own choice page: exactly the organisations ticked at Xero are offered; picks `chosen`. */
async function chooseOrganisation(vendor, prefix, offered, chosen) {
  await vendor.getByRole("heading", { name: "Choose an organisation" }).waitFor();
  const radios = vendor.getByRole("radio");
  assert.deepEqual((await radios.evaluateAll((inputs) => inputs.map((i) => i.value))).sort(),
    offered.map((o) => o.id).sort(), "the organisations the customer ticked at Xero, and only those");
  // one option a line, each tall enough for a finger (the page once ran them together on a phone)
  const boxes = await vendor.locator("fieldset label").evaluateAll((labels) => labels.map((l) => {
    const { top, bottom, height } = l.getBoundingClientRect();
    return { top, bottom, height };
  }));
  for (const [i, box] of boxes.entries()) {
    assert.ok(box.height >= 44, `option ${i + 1} is ${box.height} px tall`);
    assert.ok(i === 0 || box.top >= boxes[i - 1].bottom, `option ${i + 1} starts on a line of its own`);
  }
  await shot(vendor, `${prefix}-5-choose-organisation`, { axe: "html" });
  await vendor.getByLabel(chosen.name).check();
  await vendor.getByRole("button", { name: "Connect" }).click();
}

/** Intuit's sign-in and company chooser (the emulator's): signs in as Bob and connects `company`. */
async function atIntuit(vendor, prefix, company) {
  await vendor.getByLabel("Email or user ID").waitFor();
  await vendor.screenshot({ path: join(SCREENSHOTS, `vendor-${prefix}-3-intuit-sign-in.png`) });
  await vendor.getByLabel("Email or user ID").fill(INTUIT_BOB.email);
  await vendor.getByLabel("Password").fill(INTUIT_BOB.password);
  await vendor.getByRole("button", { name: "Sign in" }).click();
  await vendor.getByRole("heading", { name: "Select a company" }).waitFor();
  await vendor.getByLabel(company.name).check();
  await vendor.screenshot({ path: join(SCREENSHOTS, `vendor-${prefix}-4-intuit-company.png`) });
  await vendor.getByRole("button", { name: "Connect" }).click();
}

/** Link's result screen names the platform and the organisation. */
async function connected(page, prefix, platformName, organisation) {
  await link(page).getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 30_000 });
  const result = await link(page).locator(".frame").innerText();
  assert.match(result, new RegExp(`${platformName} · ${organisation.name.replace(/[()]/g, "\\$&")}`));
  await shot(page, `${prefix}-6-connected`, { axe: "bridgekeeper-link" });
}

/** Every connection the journeys linked, in order. */
const linked = [];

/** As the lender, through the API: the company's one connection of `platformKey` is Linked to `organisation`. */
async function assertLinked(companyId, platformKey, organisation) {
  const { results } = await api("GET", `/companies/${companyId}/connections`);
  const ours = results.filter((c) => c.integrationKey === platformKey);
  assert.equal(ours.length, 1, JSON.stringify(results));
  const [connection] = ours;
  assert.equal(connection.status, "Linked");
  assert.equal(connection.connectionInfo?.organisationId, organisation.id, JSON.stringify(connection));
  assert.equal(connection.connectionInfo?.organisationName, organisation.name);
  // its first sync is checked at the end, so the syncs run while the next journeys are clicked through
  linked.push({ companyId, platformKey, organisation });
  return connection;
}

/**
 * As the lender, through the API: the first sync of the company's connection read the chosen organisation's data
 * (its name in the company data) and its invoices.
 */
async function assertFirstSync({ companyId, platformKey, organisation }) {
  const what = `${platformKey} ${organisation.name}`;
  const deadline = Date.now() + SYNC_LIMIT_MS;
  let statuses = {};
  while (Date.now() < deadline) {
    statuses = await api("GET", `/companies/${companyId}/dataStatus`);
    if (["company", "invoices"].every((t) => statuses[t]?.currentStatus === "Complete")) {
      break;
    }
    assert.ok(!Object.values(statuses).some((s) => /Error/.test(s.currentStatus ?? "")),
      `${what}: a data type failed: ${JSON.stringify(statuses)}`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
  for (const dataType of ["company", "invoices"]) {
    assert.equal(statuses[dataType]?.currentStatus, "Complete",
      `${what}: ${dataType} ${JSON.stringify(statuses[dataType])}`);
  }
  const info = await api("GET", `/companies/${companyId}/data/info`);
  assert.equal(info.companyName, organisation.name, `${what}: the company data is the chosen organisation's`);
  const invoices = await api("GET", `/companies/${companyId}/data/invoices?page=1&pageSize=1`);
  assert.ok(invoices.totalResults > 0, `${what}: invoices were read: ${JSON.stringify(invoices).slice(0, 300)}`);
}

// ---- the emulators and the server ----------------------------------------------------------------------------

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  // the vendors' apps are registered with Bridgekeeper's redirect URI, so the server's port is taken first
  const port = await freePort();
  const startingServer = (async () => {
    emulators = await startVendorEmulators(`http://127.0.0.1:${port}/oauth/callback`);
    server = await startServer({ name: "vendor-link-server", port, env: vendorEnvironment(emulators) });
  })();
  // the lender's page after the linkUrl flow, served locally: the machine has no internet, and Playwright's routes
  // do not answer the target of a redirect (the platform's callback redirects there)
  lender = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end("<!doctype html><html lang=\"en\"><title>Northwind Bank</title><h1>Back at Northwind Bank</h1></html>");
  });
  await new Promise((resolve) => lender.listen(0, "127.0.0.1", resolve));
  const site = `http://127.0.0.1:${lender.address().port}`;
  LENDER_PAGE = `${site}/linked`;
  [browser] = await Promise.all([launchChromium(), startingServer]);
  api = apiClient(server);
  await api("PUT", "/profile", { name: "Northwind Bank",
    redirectUrl: `${LENDER_PAGE}?company={companyId}&status={statusCode}`, whiteListUrls: [site] });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await emulators?.stop();
  lender?.close();
});

// ---- the journeys ------------------------------------------------------------------------------------------

/** Which organisations each run ticks and picks: a different one each time, so every sync reads its own. */
const XERO_RUNS = { desktop: { ticked: [XERO.northwind, XERO.harbour], chosen: XERO.harbour },
  phone: { ticked: [XERO.demo, XERO.northwind], chosen: XERO.northwind } };
const QBO_RUNS = { desktop: QBO.bikes, phone: QBO.bakery };

for (const size of SIZES) {
  describe(`Hosted Link at ${size.name} size (${size.viewport.width}×${size.viewport.height})`, () => {
    test("Xero: consent → Xero sign-in → two organisations ticked → Bridgekeeper's choice → Linked", async () => {
      const { ticked, chosen } = XERO_RUNS[size.name];
      const prefix = `xero-${size.name}`;
      const company = await api("POST", "/companies", { name: `Xero ${size.name} Ltd` });
      const page = await newPage(size);
      await hostedLinkToConsent(page, company, "Xero", prefix);
      const vendor = await agreeAndGoToVendor(page, size);
      await atXero(vendor, prefix, ticked);
      // the choice page is in the popup (desktop) or in this tab (phone): the journey's own organisation picker
      await chooseOrganisation(vendor, prefix, ticked, chosen);
      await connected(page, prefix, "Xero", chosen);
      await assertLinked(company.id, "gbol", chosen);
      assert.deepEqual(page.problems, [], "no CSP violations or script errors");
      await page.context().close();
    });

    test("QuickBooks Online: consent → Intuit sign-in → Intuit's company chooser → Linked", async () => {
      const chosen = QBO_RUNS[size.name];
      const prefix = `qbo-${size.name}`;
      const company = await api("POST", "/companies", { name: `QuickBooks ${size.name} Ltd` });
      const page = await newPage(size);
      await hostedLinkToConsent(page, company, "QuickBooks Online", prefix);
      const vendor = await agreeAndGoToVendor(page, size);
      // one authorization connects one realm: Intuit asks which, Bridgekeeper has nothing more to ask
      await atIntuit(vendor, prefix, chosen);
      await connected(page, prefix, "QuickBooks Online", chosen);
      const connection = await assertLinked(company.id, "qhyg", chosen);
      assert.equal(connection.connectionInfo.realmId, chosen.id);
      assert.deepEqual(page.problems, [], "no CSP violations or script errors");
      await page.context().close();
    });
  });
}

describe("the plain linkUrl flow (a lender's own button, no Link UI)", () => {
  test("Xero: linkUrl → Xero → Bridgekeeper's choice page → the lender's redirect; Linked", async () => {
    const company = await api("POST", "/companies", { name: "Xero linkUrl Ltd" });
    const connection = await api("POST", `/companies/${company.id}/connections`, { platformKey: "gbol" });
    const page = await newPage(SIZES[0]);
    await page.goto(connection.linkUrl);
    await atXero(page, "xero-linkurl", [XERO.demo, XERO.harbour]);
    await chooseOrganisation(page, "xero-linkurl", [XERO.demo, XERO.harbour], XERO.demo);
    await page.waitForURL(`${LENDER_PAGE}?company=${company.id}&status=200`);
    const bound = await assertLinked(company.id, "gbol", XERO.demo);
    assert.equal(bound.id, connection.id);
    await page.context().close();
  });

  test("QuickBooks Online: linkUrl → Intuit → the lender's redirect; Linked", async () => {
    const company = await api("POST", "/companies", { name: "QuickBooks linkUrl Ltd" });
    const connection = await api("POST", `/companies/${company.id}/connections`, { platformKey: "qhyg" });
    const page = await newPage(SIZES[1]);
    await page.goto(connection.linkUrl);
    await atIntuit(page, "qbo-linkurl", QBO.bakery);
    await page.waitForURL(`${LENDER_PAGE}?company=${company.id}&status=200`);
    const bound = await assertLinked(company.id, "qhyg", QBO.bakery);
    assert.equal(bound.id, connection.id);
    await page.context().close();
  });
});

describe("after the journeys", () => {
  test("the first sync of each of the six connections read the chosen organisation's data", async () => {
    assert.equal(linked.length, 6, "every journey above linked its connection");
    await Promise.all(linked.map(assertFirstSync));
  });

  test("every request Bridgekeeper sent kept to the vendors' published descriptions", async () => {
    assert.deepEqual(await emulators.violations(), { gbol: [], qhyg: [] });
  });
});
