// What the browser tests share: headless Chromium (the system's, or the one the npm package
// @sparticuz/chromium carries, so a machine with only a JDK and Node runs them too), where screenshots
// go, and a small JSON client for the server's API with its bootstrap key.

import assert from "node:assert/strict";
import { constants } from "node:fs";
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const TARGET = resolve(dirname(fileURLToPath(import.meta.url)), "../../target");
export const SCREENSHOTS = join(TARGET, "screenshots");

/** Names a system Chromium goes by on the PATH (Debian's package installs /usr/bin/chromium). */
const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

/** The flags this closed network needs (no background traffic to Google's hosts), whichever binary runs. */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let found;

/**
 * The Chromium the tests drive: CHROMIUM_PATH when set, else the first Chromium on the PATH, else the one
 * bundled in @sparticuz/chromium, unpacked once per version into target/chromium/. Resolved once per process.
 * @returns {Promise<{executablePath: string, source: string, env?: Record<string, string>}>}
 */
export function chromiumExecutable() {
  found ??= locate();
  return found;
}

async function locate() {
  if (process.env.CHROMIUM_PATH) {
    return { executablePath: process.env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
  }
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of SYSTEM_NAMES) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate)) {
        return { executablePath: candidate, source: "system" };
      }
    }
  }
  return bundled();
}

/**
 * Unpacks @sparticuz/chromium's binary, fonts and libraries into target/chromium/<version>. The package would
 * unpack into the shared temp folder and reuse whatever "chromium" it finds there (another version, or a file
 * another process is still writing), so it unpacks into a private folder that is then renamed into place.
 */
async function bundled() {
  // the package exports no ./package.json: find it above its entry point (build/index.js)
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  const { version } = JSON.parse(await readFile(join(dirname(entry), "..", "package.json"), "utf8"));
  const home = join(TARGET, "chromium", version);
  const executablePath = join(home, "chromium");
  if (!(await isExecutable(executablePath))) {
    await mkdir(dirname(home), { recursive: true });
    const staging = await mkdtemp(join(dirname(home), `.${version}-`));
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = staging; // the package unpacks into os.tmpdir(), read at each call
    try {
      const { default: sparticuz } = await import("@sparticuz/chromium");
      const unpacked = await sparticuz.executablePath();
      assert.equal(unpacked, join(staging, "chromium"), "@sparticuz/chromium unpacked somewhere unexpected");
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    // its fonts.conf names /tmp/fonts; ours names the unpacked fonts and keeps the system's, if there are any
    await writeFile(join(staging, "fonts.conf"), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${join(home, "fonts")}</dir>
  <cachedir>${join(home, "fonts-cache")}</cachedir>
</fontconfig>
`);
    try {
      await rename(staging, home);
    } catch (error) {
      // another test process unpacked the same version first: use that one
      await rm(staging, { recursive: true, force: true });
      if (!(await isExecutable(executablePath))) throw error;
    }
  }
  return { executablePath, source: `@sparticuz/chromium ${version}`, env: { FONTCONFIG_FILE: join(home, "fonts.conf") } };
}

async function isExecutable(path) {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium with the flags this closed network needs; says once which binary it is. */
export async function launchChromium() {
  const { executablePath, source, env } = await chromiumExecutable();
  const browser = await chromium.launch({
    executablePath,
    args: FLAGS,
    env: env === undefined ? undefined : { ...process.env, ...env },
  });
  if (!launchChromium.reported) {
    launchChromium.reported = true;
    process.stderr.write(`# Chromium ${browser.version()} from ${executablePath} (${source})\n`);
  }
  return browser;
}

/** `api(method, path, body)` against a started server, failing the test on any non-2xx answer. */
export function apiClient(server) {
  const auth = "Basic " + Buffer.from(server.apiKey).toString("base64");
  return async (method, path, body) => {
    const response = await fetch(server.baseUrl + path, {
      method,
      headers: { Authorization: auth, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path} -> ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}
