// Headless Chromium clicks through the real linking pages: Bridgekeeper's linkUrl, the sandbox
// platform's sign-in and consent pages, the callback, and the lender's redirect. Screenshots of
// every screen go to target/screenshots/.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { apiClient, launchChromium, SCREENSHOTS } from "../support/browser.mjs";
import { startServer } from "../support/server.mjs";

// The lender's site is a real local page rather than a routed fake host: a request reached through a
// redirect is not routed by every Chromium build (@sparticuz/chromium's headless shell sends it to the network).
let LENDER;
let lenderServer;
let server;
let browser;

let api;

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1024, height: 760 } });
  return context.newPage();
}

async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function newConnection(platformKey) {
  const company = await api("POST", "/companies", { name: `Browser ${platformKey} Ltd` });
  const connection = await api("POST", `/companies/${company.id}/connections`, { platformKey });
  return { company, connection };
}

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  lenderServer = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end("<h1>Back at the lender</h1>");
  });
  await new Promise((resolveListen) => lenderServer.listen(0, "127.0.0.1", resolveListen));
  LENDER = `http://127.0.0.1:${lenderServer.address().port}`;
  server = await startServer({ name: "browser-server" });
  api = apiClient(server);
  await api("PUT", "/profile", {
    name: "Example Lender",
    redirectUrl: `${LENDER}/done?company={companyId}&connection={connectionId}&status={statusCode}`,
    whiteListUrls: [LENDER],
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  lenderServer?.close();
});

describe("linking a sandbox platform in a real browser", () => {
  test("sign in, allow access, and land on the lender's page with statusCode 200", async () => {
    const { company, connection } = await newConnection("sbac");
    const page = await newPage();

    await page.goto(connection.linkUrl);
    await page.getByLabel("Username").waitFor();
    await shot(page, "sandbox-1-sign-in");

    await page.getByLabel("Username").fill("user_good");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Incorrect username or password").waitFor();
    await shot(page, "sandbox-2-wrong-password");

    await page.getByLabel("Username").fill("user_good");
    await page.getByLabel("Password").fill("pass_good");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Allow access" }).waitFor();
    await shot(page, "sandbox-3-consent");

    await page.getByRole("button", { name: "Allow access" }).click();
    await page.waitForURL(`${LENDER}/**`);
    await shot(page, "sandbox-4-back-at-lender");

    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get("status"), "200");
    assert.equal(landed.searchParams.get("company"), company.id);
    assert.equal(landed.searchParams.get("connection"), connection.id);
    const linked = await api("GET", `/companies/${company.id}/connections/${connection.id}`);
    assert.equal(linked.status, "Linked");
    await page.context().close();
  });

  test("deny sends the customer back with statusCode 403 and the connection stays pending", async () => {
    const { company, connection } = await newConnection("sbbk");
    const page = await newPage();

    await page.goto(connection.linkUrl);
    await page.getByLabel("Username").fill("user_good");
    await page.getByLabel("Password").fill("pass_good");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Deny" }).click();
    await page.waitForURL(`${LENDER}/**`);
    await shot(page, "sandbox-5-denied-back-at-lender");

    assert.equal(new URL(page.url()).searchParams.get("status"), "403");
    const pending = await api("GET", `/companies/${company.id}/connections/${connection.id}`);
    assert.equal(pending.status, "PendingAuth");
    assert.equal(pending.dataConnectionErrors[0].errorMessage, "User cancelled.");
    await page.context().close();
  });
});
