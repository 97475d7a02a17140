// The Link journey as a new lender and its customer meet it, following the docs literally, at desktop (1280×800)
// and phone (390×844) size: Hosted Link from the company's `redirect` URL as sent, protected Hosted Link through
// the platform's sign-in in the same tab, Done, the same-tab return to the embedding page with the docs' example
// redirectUrl, the lending product's consent screen (plain words, Agree without scrolling, the record holding the
// text shown), the phone's words, the lender's name, logo and support address, Deny, and axe-core on every screen
// of the journey (embedded and hosted) and on the sandbox platform's pages. Screenshots of every screen at both
// sizes go to target/screenshots/journey-<size>-*.png.

import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiClient, launchChromium, SCREENSHOTS } from "../support/browser.mjs";
import { startServer } from "../support/server.mjs";

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];
/** The lender's own https site: answered locally (the machine has no internet), so its logo and pages load. */
const LENDER_SITE = "https://northwind.example";
const LOGO = `${LENDER_SITE}/logo.svg`;
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 32"><rect width="120" height="32" rx="6"
  fill="#0b5cab"/><text x="60" y="21" font-family="sans-serif" font-size="14" fill="#fff" text-anchor="middle">Northwind</text></svg>`;
const SUPPORT = "help@northwind.example";
const PRIVACY = `${LENDER_SITE}/privacy`;
/** The profile the docs set up ("Set up your profile"), with the docs' example redirectUrl and the lender's pages. */
let PROFILE;

let server;
let browser;
let api;
let lenderServer;
let LENDER;
let lenderBody = () => "";

// ---- helpers -------------------------------------------------------------------------------------------------

async function newPage(size, { bypassCSP = false, blockPopups = false } = {}) {
  const context = await browser.newContext({ viewport: size.viewport, bypassCSP });
  // the docs' example redirectUrl points at example.com: answered locally too
  await context.route("https://example.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html",
    body: "<!doctype html><html lang=\"en\"><title>Example</title><h1>The docs' example page</h1></html>" }));
  await context.route(`${LENDER_SITE}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/logo.svg") {
      return route.fulfill({ status: 200, contentType: "image/svg+xml", body: LOGO_SVG });
    }
    return route.fulfill({ status: 200, contentType: "text/html",
      body: `<!doctype html><html lang="en"><title>Northwind</title><h1>Back at Northwind Bank</h1><p>${url}</p></html>` });
  });
  if (blockPopups) {
    await context.addInitScript(() => { window.open = () => null; });
  }
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(e.message));
  page.on("console", (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) {
      page.problems.push(m.text());
    }
    if (process.env.LINK_DEBUG) {
      console.error(`[page] ${m.type()} ${m.text()}`);
    }
  });
  return page;
}

/** axe-core on the element: no serious or critical violations. */
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

/** A screenshot of the screen; axe-core too where the page lets it be injected. */
async function shot(page, size, name, { axe = null } = {}) {
  await page.screenshot({ path: join(SCREENSHOTS, `journey-${size.name}-${name}.png`) });
  if (axe) {
    await assertAccessible(page, axe, `${name} at ${size.name} size`);
  }
}

/** The page fits the window: nothing to scroll. */
async function assertFits(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight,
    inner: window.innerHeight }));
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px tall in a ${inner} px window`);
}

async function newCompany(name, products = []) {
  const company = await api("POST", "/companies", { name });
  for (const product of products) {
    await api("PUT", `/companies/${company.id}/products/${product}`);
  }
  return company;
}

/** Signs in at the sandbox platform (page or popup) and allows or denies access; checks who asks. */
async function atPlatform(page, size, { allow = true, prefix } = {}) {
  await page.getByLabel("Username").waitFor();
  if (prefix) {
    await shot(page, size, `${prefix}-platform-sign-in`, { axe: "main" });
  }
  await page.getByLabel("Username").fill("user_good");
  await page.getByLabel("Password").fill("pass_good");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /^Allow Northwind Bank to read your/ }).waitFor();
  if (prefix) {
    await shot(page, size, `${prefix}-platform-consent`, { axe: "main" });
  }
  await page.getByRole("button", { name: allow ? "Allow access" : "Deny" }).click();
}

const link = (page) => page.locator("bridgekeeper-link");

/** Picks a source type and a platform and waits for the consent screen. */
async function toConsent(page, sourceType, platformName) {
  await link(page).getByRole("button", { name: new RegExp(`^${sourceType}`) }).click();
  await link(page).getByRole("button", { name: platformName }).click();
  await link(page).getByRole("heading", { name: `Connect ${platformName}` }).waitFor();
}

/** The Agree button's box lies inside the window without scrolling. */
async function assertAgreeVisible(page, what) {
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.equal(scrolled, 0);
  const box = await link(page).getByRole("button", { name: "Agree and continue" }).boundingBox();
  const height = page.viewportSize().height;
  assert.ok(box && box.y >= 0 && box.y + box.height <= height,
    `${what}: Agree is at ${box?.y}–${box && box.y + box.height} px in a ${height} px window`);
}

/** Every line of the record is on the screen as shown (with the details opened), Markdown links as their words. */
async function assertRecordIsScreen(page, record) {
  const details = link(page).locator("details.consent-details");
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator("summary").click();
  }
  const screen = (await link(page).locator(".frame").innerText()).replace(/\s+/g, " ");
  for (const line of record.split("\n").map((l) => l.replace(/^- /, "").trim()).filter(Boolean)) {
    const words = line.replace(/\[([^\]]+)\]\([^)]+\)/g, "$1").replace(/\*\*/g, "");
    assert.ok(screen.includes(words), `recorded but not shown: "${words}"`);
  }
}

const consentsOf = async (companyId) => (await api("GET", `/companies/${companyId}/consents`)).results;

// ---- the server, the lender's page ----------------------------------------------------------------------------

/** The lender's page that embeds Link (as docs/guides/embed-link.md shows it). */
function embeddingPage(companyId, accessToken) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Northwind Bank</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="${server.baseUrl}/link/sdk.js"></script></head>
<body style="margin:0"><main><h1 style="margin:8px 16px;font:600 18px system-ui">Northwind Bank</h1>
<bridgekeeper-link id="link"></bridgekeeper-link></main>
<script type="module">
  window.events = [];
  const record = (name) => (args) => window.events.push(args === undefined ? [name] : [name, args]);
  await customElements.whenDefined("bridgekeeper-link");
  document.getElementById("link").props = { companyId: ${JSON.stringify(companyId)},
    accessToken: ${JSON.stringify(accessToken)}, onConnection: record("onConnection"), onConsent: record("onConsent"),
    onFinish: record("onFinish"), onError: record("onError"),
    options: { sourceTypes: { accounting: { optional: false, enableIntegrations: true },
      banking: { optional: true, enableIntegrations: true } } } };
</script></body></html>`;
}

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  lenderServer = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(lenderBody());
  });
  await new Promise((listening) => lenderServer.listen(0, "127.0.0.1", listening));
  LENDER = `http://127.0.0.1:${lenderServer.address().port}`;
  server = await startServer({ name: "link-journey-server" });
  api = apiClient(server);
  browser = await launchChromium();
  // Codat's fields only: the Bridgekeeper extensions (support address, privacy policy) have a test of their own
  PROFILE = { name: "Northwind Bank", logoUrl: LOGO,
    redirectUrl: "https://example.com/linked?company={companyId}&status={statusCode}",
    whiteListUrls: ["https://example.com", LENDER] };
});

after(async () => {
  await browser?.close();
  await server?.stop();
  lenderServer?.close();
});

describe("a fresh install", () => {
  test("an unnamed profile is 'your lender' to the customer, never Bridgekeeper (item 8)", async () => {
    assert.equal((await api("GET", "/profile")).name, "", "the bootstrap profile starts without a name");
    const company = await newCompany("Fresh Install Ltd");
    const page = await newPage(SIZES[0]);
    await page.goto(company.redirect);
    await link(page).getByRole("heading", { name: "Share your business data with your lender" }).waitFor();
    assert.doesNotMatch(await link(page).locator("header").innerText(), /Bridgekeeper/);
    await page.context().close();
    await api("PUT", "/profile", PROFILE);
  });
});

for (const size of SIZES) {
  describe(`at ${size.name} size (${size.viewport.width}×${size.viewport.height})`, () => {
    test("the company's redirect URL opens Hosted Link as sent, through to Done (items 1, 3, 8, 9, 10)", async () => {
      await api("PUT", "/profile", PROFILE);
      const company = await newCompany(`Hosted ${size.name} Ltd`);
      // as the docs send it: the redirect URL and nothing else; no token, no bypass of the page's CSP
      const page = await newPage(size, { blockPopups: size.name === "desktop" });
      await page.goto(company.redirect);
      await link(page).getByRole("heading", { name: "Share your business data with Northwind Bank" }).waitFor();
      // the lender's logo on its own https host loads under Hosted Link's policy
      const logo = link(page).locator("header img");
      await logo.waitFor();
      await page.waitForFunction(() => document.querySelector("bridgekeeper-link").shadowRoot
        .querySelector("header img")?.naturalWidth > 0);
      assert.equal(await logo.getAttribute("alt"), "Northwind Bank logo");
      await assertFits(page, "Hosted Link's landing");
      // headings take the focus without a box drawn around them
      assert.equal(await page.evaluate(() => {
        const h1 = document.querySelector("bridgekeeper-link").shadowRoot.querySelector("h1");
        return h1 === document.querySelector("bridgekeeper-link").shadowRoot.activeElement
          ? getComputedStyle(h1).outlineStyle : "not focused";
      }), "none");
      await shot(page, size, "hosted-1-landing");
      await link(page).getByRole("button", { name: "Get started" }).click();
      await link(page).getByText("0 of 3 connected").waitFor();
      await assertFits(page, "Hosted Link's source types");
      await shot(page, size, "hosted-2-source-types");

      await link(page).getByRole("button", { name: /^Accounting/ }).click();
      const tile = link(page).getByRole("button", { name: "Sandbox Accounting" });
      await tile.waitFor();
      const icon = await tile.locator("img").boundingBox();
      assert.ok(icon.width >= 32 && icon.height >= 32 && Math.abs(icon.width - icon.height) < 2,
        `the platform's logo is ${icon.width}×${icon.height} px`);
      await shot(page, size, "hosted-3-picker");

      // no platform of yours listed: a way to tell the lender (without a support address: plain words)
      await link(page).getByRole("button", { name: "Can't find yours?" }).click();
      await link(page).getByRole("heading", { name: "Can't find your accounting platform?" }).waitFor();
      await link(page).getByText("Contact Northwind Bank the way you usually do").waitFor();
      await link(page).getByRole("button", { name: "Back to the list" }).click();

      await link(page).getByRole("button", { name: "Sandbox Accounting" }).click();
      await link(page).getByRole("heading", { name: "Connect Sandbox Accounting" }).waitFor();
      await assertAgreeVisible(page, "Hosted Link's consent");
      await shot(page, size, "hosted-5-consent");
      await link(page).getByRole("button", { name: "Agree and continue" }).click();
      // desktop with the popup blocked, and the phone: this tab goes to the platform and comes back
      await atPlatform(page, size);
      await page.waitForURL(new RegExp(`/link/${company.id}`));
      await link(page).getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
      const result = await link(page).locator(".frame").innerText();
      assert.equal((result.match(/✓/g) ?? []).length, 1, `one tick on the result: ${result}`);
      await shot(page, size, "hosted-7-connected");
      await link(page).getByRole("button", { name: "Continue" }).click();
      await link(page).getByText("1 of 3 connected").waitFor();
      await link(page).getByRole("button", { name: "Complete" }).click();
      await link(page).getByRole("heading", { name: "You're all set" }).waitFor();
      const finished = await link(page).locator("ul").first().innerText();
      assert.doesNotMatch(finished, /\([^)]*\(/, `no brackets inside brackets: ${finished}`);
      await shot(page, size, "hosted-8-finish");
      // Done sends the customer back to the lender, like Codat's Hosted Link
      await link(page).getByRole("button", { name: "Done" }).click();
      await page.waitForURL(`https://example.com/linked?company=${company.id}&status=200`);

      const [record] = await consentsOf(company.id);
      assert.deepEqual([record.channel, record.status], ["HostedLink", "Active"]);
      // the lender's funnel shows this one journey, the browser's steps and the server's (the phone's trip
      // to the platform in the same tab included)
      const funnel = (await api("GET", `/link/analytics?companyId=${company.id}`)).total;
      assert.equal(funnel.journeys, 1, JSON.stringify(funnel));
      assert.deepEqual(funnel.steps.map((s) => `${s.step}=${s.journeys}`), ["opened=1", "sourceTypeChosen=1",
        "platformChosen=1", "consentAgreed=1", "signInStarted=1", "linked=1"]);
      assert.equal(funnel.platformMissing, 1);
      assert.equal(funnel.failed.journeys, 0);
      assert.deepEqual(page.problems, [], "no CSP violations or script errors");
      await page.context().close();
    });

    test("the lender's support address and privacy policy: help on every screen and when the platform is missing (items 6, 9)", async () => {
      await api("PUT", "/profile", { ...PROFILE, supportEmail: SUPPORT, privacyPolicyUrl: PRIVACY });
      try {
        const company = await newCompany(`Help ${size.name} Ltd`);
        const page = await newPage(size);
        await page.goto(company.redirect);
        const help = link(page).getByRole("link", { name: "Contact Northwind Bank" });
        assert.equal(await help.getAttribute("href"), `mailto:${SUPPORT}`);
        await link(page).getByRole("button", { name: "Get started" }).click();
        await link(page).getByRole("button", { name: /^Accounting/ }).click();
        await link(page).getByRole("button", { name: "Can't find yours?" }).click();
        await link(page).getByRole("heading", { name: "Can't find your accounting platform?" }).waitFor();
        const mail = link(page).getByRole("link", { name: "Email Northwind Bank" });
        assert.match(await mail.getAttribute("href"), new RegExp(`^mailto:${SUPPORT}\\?subject=`));
        await shot(page, size, "hosted-4-cant-find");
        await link(page).getByRole("button", { name: "Back to the list" }).click();
        await link(page).getByRole("button", { name: "Sandbox Accounting" }).click();
        const privacy = link(page).getByRole("link", { name: "Read Northwind Bank's privacy policy" });
        assert.equal(await privacy.getAttribute("href"), PRIVACY);
        await assertAgreeVisible(page, "the consent with the privacy policy");
        await shot(page, size, "hosted-5b-consent-with-privacy");
        assert.match(await link(page).evaluate((e) => e.consentText()),
          /\[Read Northwind Bank's privacy policy\]\(https:\/\/northwind\.example\/privacy\)/);
        await page.context().close();
      } finally {
        await api("PUT", "/profile", PROFILE);
      }
    });

    test("without a return address, Done says the window can be closed (item 3)", async () => {
      await api("PUT", "/profile", { ...PROFILE, redirectUrl: "" });
      try {
        const company = await newCompany(`Done ${size.name} Ltd`);
        const page = await newPage(size);
        await page.goto(company.redirect);
        await link(page).getByRole("button", { name: "Get started" }).click();
        await toConsent(page, "Accounting", "Sandbox Accounting");
        const popupOpened = size.name === "desktop" ? page.waitForEvent("popup") : null;
        await link(page).getByRole("button", { name: "Agree and continue" }).click();
        if (popupOpened) {
          const popup = await popupOpened;
          await atPlatform(popup, size);
        } else {
          await atPlatform(page, size);
        }
        await link(page).getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
        await link(page).getByRole("button", { name: "Continue" }).click();
        await link(page).getByRole("button", { name: "Complete" }).click();
        await link(page).getByRole("button", { name: "Done" }).click();
        await link(page).getByRole("heading", { name: "You can close this window" }).waitFor();
        await assertFits(page, "the closing screen");
        await shot(page, size, "hosted-9-close-window");
        await page.context().close();
      } finally {
        await api("PUT", "/profile", PROFILE);
      }
    });

    test("protected Hosted Link: the link opens once, and the return from the platform carries on (items 2 and 7)", async () => {
      await api("PUT", "/profile", { ...PROFILE, hostedLinkRequiresToken: true });
      try {
        const company = await newCompany(`Protected ${size.name} Ltd`);
        const issued = await api("POST", `/companies/${company.id}/hostedLink/token`);
        // a mail scanner opens the link first: that must not use it up
        assert.equal((await fetch(issued.linkUrl)).status, 200);
        const page = await newPage(size, { blockPopups: true });
        await page.goto(issued.linkUrl);
        await link(page).getByRole("heading", { name: "Share your business data with Northwind Bank" }).waitFor();
        await shot(page, size, "protected-1-landing");
        await link(page).getByRole("button", { name: "Get started" }).click();
        await link(page).getByText("0 of 3 connected").waitFor();
        assert.equal(new URL(page.url()).search, "", "the one-time token is gone from the address bar");
        await toConsent(page, "Accounting", "Sandbox Accounting");
        const said = await link(page).locator(".frame").innerText();
        if (size.name === "phone") {
          // phones sign in in this tab, and the screen says so
          assert.match(said, /You'll go to Sandbox Accounting to sign in, then come back here\./);
          assert.doesNotMatch(said, /new window/);
        } else {
          assert.match(said, /You'll sign in at Sandbox Accounting in a new window and come back here\./);
        }
        await link(page).getByRole("button", { name: "Agree and continue" }).click();
        await atPlatform(page, size);
        await page.waitForURL(new RegExp(`/link/${company.id}`));
        await link(page).getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
        await shot(page, size, "protected-2-connected-after-return");
        const [record] = await consentsOf(company.id);
        if (size.name === "phone") {
          assert.match(record.text, /You'll go to Sandbox Accounting to sign in, then come back here\./);
          assert.doesNotMatch(record.text, /new window/);
        }
        assert.equal(record.channel, "HostedLink");

        // the link was used: a second visit is refused
        const again = await newPage(size);
        assert.equal((await again.goto(issued.linkUrl)).status(), 410);
        await again.getByRole("heading", { name: "This link has already been used" }).waitFor();
        await shot(again, size, "protected-3-used");
        // and the bare page, in a tab that never had the link, asks for it
        await again.goto(company.redirect);
        await link(again).getByRole("heading", { name: "Open the link you were sent" }).waitFor();
        await shot(again, size, "protected-4-bare");
        await again.context().close();
        await page.context().close();
      } finally {
        await api("PUT", "/profile", PROFILE);
      }
    });

    test("embedded, the same-tab sign-in comes back to the embedding page, not the profile's redirect (item 4)", async () => {
      await api("PUT", "/profile", PROFILE);
      await api("POST", "/corsSettings", { allowedOrigins: [LENDER] });
      const company = await newCompany(`Embedded ${size.name} Ltd`);
      const { accessToken } = await api("GET", `/companies/${company.id}/accessToken`);
      lenderBody = () => embeddingPage(company.id, accessToken);
      const page = await newPage(size, { blockPopups: true, bypassCSP: true });
      await page.goto(`${LENDER}/apply?loan=42`);
      await link(page).getByText("0 of 2 connected").waitFor();
      // embedded in the lender's page, which has its own <main>
      assert.equal(await link(page).locator("main").count(), 0);
      await shot(page, size, "embedded-1-source-types", { axe: "bridgekeeper-link" });
      await toConsent(page, "Accounting", "Sandbox Accounting");
      await shot(page, size, "embedded-2-consent", { axe: "bridgekeeper-link" });
      await link(page).getByRole("button", { name: "Agree and continue" }).click();
      await atPlatform(page, size);
      await page.waitForURL(new RegExp(`^${LENDER}/apply\\?loan=42&statusCode=200&connectionId=`));
      await link(page).getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
      await shot(page, size, "embedded-3-connected-after-return", { axe: "bridgekeeper-link" });
      const events = await page.evaluate(() => window.events);
      assert.deepEqual(events.map((e) => e[0]), ["onConnection"]);
      await page.context().close();
    });

    test("the lending product's accounting consent: plain words, Agree without scrolling, the record as shown (items 5, 6)", async () => {
      await api("PUT", "/profile", PROFILE);
      const company = await newCompany(`Lending ${size.name} Ltd`, ["lending"]);
      const page = await newPage(size, { bypassCSP: true });
      await page.goto(company.redirect);
      await link(page).getByRole("button", { name: "Get started" }).click();
      await toConsent(page, "Accounting", "Sandbox Accounting");
      await assertAgreeVisible(page, "the lending product's accounting consent");
      await shot(page, size, "lending-1-consent", { axe: "bridgekeeper-link" });
      const details = link(page).locator("details.consent-details");
      await details.locator("summary").click();
      await link(page).getByRole("heading", { name: "Lending: your accounting data" }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `journey-${size.name}-lending-2-consent-details.png`), fullPage: true });
      await assertAccessible(page, "bridgekeeper-link", `the consent's details at ${size.name} size`);
      const shown = await link(page).locator(".frame").innerText();
      assert.doesNotMatch(shown, /chartOfAccounts|banking-|commerce-|journalEntries|\(Accounting\)/,
        "no raw identifiers on the screen");
      assert.match(shown, /Chart of accounts/);
      await details.locator("summary").click(); // closed again: what is recorded does not depend on it
      const popupOpened = size.name === "desktop" ? page.waitForEvent("popup") : null;
      await link(page).getByRole("button", { name: "Agree and continue" }).click();
      if (popupOpened) {
        const popup = await popupOpened;
        await atPlatform(popup, size);
      } else {
        await atPlatform(page, size);
      }
      await link(page).getByRole("heading", { name: "Connected", exact: true }).waitFor({ timeout: 20_000 });
      const records = await consentsOf(company.id);
      assert.deepEqual(records.map((r) => [r.productIdentifier, r.channel]), [["lending", "HostedLink"]]);
      const [record] = records;
      assert.doesNotMatch(record.text, /chartOfAccounts|banking-|journalEntries|\(Accounting\)/,
        "no raw identifiers in the record");
      assert.match(record.text, /^Connect Sandbox Accounting\n\n/);
      // the consent screen again (a new connection for the same platform): the record is what it shows
      await link(page).getByRole("button", { name: "Continue" }).click();
      await toConsent(page, "Accounting", "Sandbox Accounting");
      await assertRecordIsScreen(page, record.text);
      await page.context().close();
    });

    test("Deny ends the consent that was given for it; every journey screen passes axe-core (item 10, a11y)", async () => {
      await api("PUT", "/profile", PROFILE);
      const company = await newCompany(`Deny ${size.name} Ltd`);
      const page = await newPage(size, { bypassCSP: true });
      await page.goto(company.redirect);
      await link(page).getByRole("heading", { name: "Share your business data with Northwind Bank" }).waitFor();
      await assertAccessible(page, "bridgekeeper-link", `Hosted Link's landing at ${size.name} size`);
      await link(page).getByRole("button", { name: "Get started" }).click();
      await link(page).getByText("0 of 3 connected").waitFor();
      await assertAccessible(page, "bridgekeeper-link", `the source types at ${size.name} size`);
      // the disabled Complete says why, tied to its hint
      const complete = link(page).getByRole("button", { name: "Complete" });
      const hint = await complete.getAttribute("aria-describedby");
      assert.equal(await link(page).locator(`#${hint}`).innerText(), "Connect the required ones to continue.");
      await link(page).getByRole("button", { name: /^Banking/ }).click();
      await link(page).getByRole("button", { name: "Sandbox Banking" }).waitFor();
      await assertAccessible(page, "bridgekeeper-link", `the picker at ${size.name} size`);
      await link(page).getByRole("button", { name: "Can't find yours?" }).click();
      await assertAccessible(page, "bridgekeeper-link", `the help screen at ${size.name} size`);
      await link(page).getByRole("button", { name: "Back to the list" }).click();
      await link(page).getByRole("button", { name: "Sandbox Banking" }).click();
      await link(page).getByRole("heading", { name: "Connect Sandbox Banking" }).waitFor();
      await assertAccessible(page, "bridgekeeper-link", `the consent at ${size.name} size`);
      const popupOpened = size.name === "desktop" ? page.waitForEvent("popup") : null;
      await link(page).getByRole("button", { name: "Agree and continue" }).click();
      // the sandbox platform's own pages pass axe-core too (its "Sandbox" badge among them)
      if (popupOpened) {
        const popup = await popupOpened;
        await link(page).getByRole("heading", { name: "Waiting for Sandbox Banking…" }).waitFor();
        await shot(page, size, "deny-1-waiting", { axe: "bridgekeeper-link" });
        await atPlatform(popup, size, { allow: false, prefix: "deny-2" });
      } else {
        await atPlatform(page, size, { allow: false, prefix: "deny-2" });
      }
      await link(page).getByRole("heading", { name: "Not connected" }).waitFor({ timeout: 20_000 });
      await shot(page, size, "deny-3-not-connected", { axe: "bridgekeeper-link" });
      // the consent was for a connection that never linked: the customer's Deny ended it
      const [record] = await consentsOf(company.id);
      assert.deepEqual([record.status, record.revokedBy], ["Revoked", "Customer"]);
      assert.match(record.revocationReason, /did not allow access at Sandbox Banking/);
      // Try again records a new, active consent
      await link(page).getByRole("button", { name: "Try again" }).click();
      await link(page).getByRole("heading", { name: "Connect Sandbox Banking" }).waitFor();
      await page.context().close();
    });
  });
}
