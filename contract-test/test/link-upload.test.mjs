// "Upload documents instead" in the Link journey, at desktop (1280×800) and phone (390×844) size: from Hosted Link's
// "Can't find yours?" screen the customer agrees to share uploads (the record holds the words shown), is refused a
// file of the wrong type, uploads a PDF and an OFX statement (desktop: one dropped, one through the file button),
// and is Done. The lender then lists and downloads both (bytes equal) and reads the OFX transactions through the
// banking read API. axe-core on every upload screen (phone size); screenshots to target/screenshots/upload-<size>-*.png.
// And an upload connection created with the API: its linkUrl opens Hosted Link, whose Get started leads to the upload
// screen (not the accounts list), and Back from there to the accounts list.

import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { inflateRawSync } from "node:zlib";
import { apiClient, launchChromium, SCREENSHOTS } from "../support/browser.mjs";
import { startServer } from "../support/server.mjs";

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const FILES = new URL("../../src/test/resources/files/", import.meta.url);
// desktop runs under Hosted Link's own content security policy (the upload goes through it); axe-core is injected
// at phone size, whose context bypasses the policy for that
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, axe: false },
  { name: "phone", viewport: { width: 390, height: 844 }, axe: true },
];
const LENDER = "Northwind Bank";
const CONSENT = `Share your documents with ${LENDER}. ${LENDER} will be able to see and download the files you upload`
  + " here, and will read the accounts and transactions in bank statements (OFX or CAMT.053 files) to assess"
  + ` your business. You can ask ${LENDER} to delete them at any time.`;

let server;
let browser;
let api;
let PDF;
let OFX;

const link = (page) => page.locator("bridgekeeper-link");

async function assertAccessible(page, name) {
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

/** A screenshot; axe-core where the page lets it be injected (the phone run, whose context bypasses the CSP). */
async function shot(page, size, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `upload-${size.name}-${name}.png`) });
  if (size.axe) {
    await assertAccessible(page, `${name} at ${size.name} size`);
  }
}

/** The entries of a zip, read from its central directory (sizes there, not in the local headers). */
function unzip(zip) {
  const entries = new Map();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
    end--;
  }
  assert.ok(end >= 0, "not a zip");
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(data, data + compressed);
    entries.set(name, method === 8 ? inflateRawSync(stored) : stored.subarray(0, size));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Drops a file on the drop zone as a browser's drag and drop does. */
async function drop(page, name, bytes, type) {
  const zone = link(page).locator(".dropzone");
  const transfer = await page.evaluateHandle(({ name, data, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], name, { type }));
    return dt;
  }, { name, data: [...bytes], type });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  PDF = await readFile(new URL("accounts.pdf", FILES));
  OFX = await readFile(new URL("statement-v1.ofx", FILES));
  server = await startServer({ name: "link-upload-server" });
  api = apiClient(server);
  browser = await launchChromium();
  await api("PUT", "/profile", { name: LENDER, redirectUrl: "" });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const size of SIZES) {
  describe(`at ${size.name} size (${size.viewport.width}×${size.viewport.height})`, () => {
    test("the customer uploads a PDF and an OFX statement; the lender downloads both and reads the transactions",
      async () => {
        const company = await api("POST", "/companies", { name: `Uploads ${size.name} Ltd` });
        const context = await browser.newContext({ viewport: size.viewport, bypassCSP: size.axe });
        const page = await context.newPage();
        const problems = [];
        page.on("pageerror", (e) => problems.push(e.message));
        page.on("console", (m) => /Content.Security.Policy|Refused to/i.test(m.text()) && problems.push(m.text()));
        await page.goto(company.redirect);
        await link(page).getByRole("button", { name: "Get started" }).click();
        await link(page).getByRole("button", { name: /^Accounting/ }).click();
        await link(page).getByRole("button", { name: "Can't find yours?" }).click();
        await link(page).getByRole("heading", { name: "Can't find your accounting platform?" }).waitFor();
        await shot(page, size, "1-cant-find");

        await link(page).getByRole("button", { name: "Upload documents instead" }).click();
        await link(page).getByRole("heading", { name: "Upload documents" }).waitFor();
        await link(page).getByText("PDF, CSV, OFX, XLSX or CAMT.053 files, up to 10 MB each, up to 20 at a time.")
          .waitFor();
        await link(page).getByText(CONSENT).waitFor();
        await shot(page, size, "2-consent");
        await link(page).getByRole("button", { name: "Agree and choose files" }).click();

        const input = link(page).locator("input[type=file]");
        await link(page).getByText("Choose files").waitFor();
        await shot(page, size, "3-choose");
        // the wrong type is refused here, before anything is sent
        await input.setInputFiles({ name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
        await link(page).getByRole("alert").getByText("tool.exe is not a PDF, CSV, OFX, XLSX, CAMT.053 file.").waitFor();
        await shot(page, size, "4-refused");

        if (size.name === "desktop") {
          await drop(page, "statement.ofx", OFX, "application/x-ofx");
          await link(page).getByText("Statement read").waitFor();
          await input.setInputFiles({ name: "accounts.pdf", mimeType: "application/pdf", buffer: PDF });
        } else {
          await input.setInputFiles([{ name: "statement.ofx", mimeType: "application/x-ofx", buffer: OFX },
            { name: "accounts.pdf", mimeType: "application/pdf", buffer: PDF }]);
        }
        await link(page).locator("ul.uploaded li").nth(1).waitFor();
        await link(page).getByText("Statement read").waitFor();
        await shot(page, size, "5-uploaded");
        await link(page).getByRole("button", { name: "Done" }).click();
        await link(page).getByText("Uploaded documents").waitFor();
        await link(page).getByText("1 of 3 connected").waitFor();
        await shot(page, size, "6-back-to-accounts");
        assert.deepEqual(problems, []);
        await context.close();

        // the consent record holds the words shown, from Hosted Link
        const consents = (await api("GET", `/companies/${company.id}/consents`)).results;
        assert.equal(consents.length, 1);
        assert.equal(consents[0].text, CONSENT);
        assert.equal(consents[0].channel, "HostedLink");

        // the lender lists and downloads both files
        const files = await api("GET", `/companies/${company.id}/files`);
        assert.deepEqual(files.map((f) => [f.fileName, f.sourceType]).sort(),
          [["accounts.pdf", "PDF"], ["statement.ofx", "OFX"]]);
        const response = await fetch(`${server.baseUrl}/companies/${company.id}/files/download`, {
          headers: { Authorization: "Basic " + Buffer.from(server.apiKey).toString("base64") } });
        assert.equal(response.status, 200);
        assert.match(response.headers.get("content-disposition"), /^attachment; filename="files-/);
        assert.equal(response.headers.get("x-content-type-options"), "nosniff");
        const entries = unzip(Buffer.from(await response.arrayBuffer()));
        assert.ok(entries.get("accounts.pdf").equals(PDF), "the PDF comes back byte for byte");
        assert.ok(entries.get("statement.ofx").equals(OFX), "the OFX comes back byte for byte");

        // the statement's transactions through the banking read API, like any bank's
        const connection = consents[0].connectionIds[0];
        const path = `/companies/${company.id}/connections/${connection}/data/banking-transactions?pageSize=100`;
        const deadline = Date.now() + 60_000;
        let transactions;
        do {
          transactions = await api("GET", path);
          if (transactions.totalResults === 3) {
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        } while (Date.now() < deadline);
        assert.equal(transactions.totalResults, 3);
        assert.deepEqual(transactions.results.map((t) => t.amount).sort((a, b) => a - b), [-42.5, -5, 1500]);
      });
  });
}

test("an upload connection's linkUrl opens Hosted Link on the upload screen", async () => {
  const company = await api("POST", "/companies", { name: "Upload link Ltd" });
  const connection = await api("POST", `/companies/${company.id}/connections`, { platformKey: "upld" });
  const context = await browser.newContext({ viewport: SIZES[0].viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(connection.linkUrl);
  assert.equal(new URL(page.url()).pathname, `/link/${company.id}`);
  await link(page).getByRole("button", { name: "Get started" }).click();
  await link(page).getByRole("heading", { name: "Upload documents" }).waitFor();
  await link(page).getByText(CONSENT).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, "upload-from-link-url.png") });
  await link(page).getByRole("button", { name: "← Back", exact: true }).click();
  await link(page).getByRole("button", { name: /^Accounting/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
