// What the browser tests share: headless Chromium from Debian's package, where screenshots go, and a
// small JSON client for the server's API with its bootstrap key.

import assert from "node:assert/strict";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../target/screenshots");

/** Chromium with the flags this closed network needs (no background traffic to Google's hosts). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
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
