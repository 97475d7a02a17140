// Starts the Xero and QuickBooks Online emulators (Java test code, src/test/java/.../connector/*/emulator) in a JVM
// of their own, for the browser journey against the vendors. The build writes the test classpath to
// target/test-classpath.txt (maven-dependency-plugin, process-test-classes); the emulators' main class is
// dev.bridgekeeper.connector.emulator.VendorEmulators. Its first line on stdout is JSON with every URL and
// credential; `violations()` asks it for the requests that broke a vendor's published description. Closing its
// stdin stops it, so it never outlives the test process.

import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET = resolve(PROJECT_DIR, "../target");
const MAIN = "dev.bridgekeeper.connector.emulator.VendorEmulators";
const STARTUP_LIMIT_MS = Number(process.env.BRIDGEKEEPER_STARTUP_SECONDS ?? 300) * 1000;

/**
 * Starts both emulators with `redirectUri` registered as the apps' one redirect URI.
 * @returns {Promise<{gbol: object, qhyg: object, xeroPassword: string, violations: () => Promise<object>,
 *   stop: () => Promise<void>}>}
 */
export async function startVendorEmulators(redirectUri) {
  const listing = join(TARGET, "test-classpath.txt");
  const classes = [join(TARGET, "test-classes"), join(TARGET, "classes")];
  try {
    await Promise.all([listing, ...classes].map((path) => access(path)));
  } catch {
    throw new Error(`The vendor emulators need the compiled test classes and ${listing}: run `
      + "./mvnw -o -DskipTests package (or test-compile) first.");
  }
  const classpath = [...classes, (await readFile(listing, "utf8")).trim()].join(delimiter);
  const log = createWriteStream(join(PROJECT_DIR, "vendor-emulators.log"));
  const child = spawn("java", ["-Xmx384m", "-cp", classpath, MAIN, redirectUri], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stderr.pipe(log);
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error("the vendor emulators did not answer in time; see "
      + "contract-test/vendor-emulators.log")), STARTUP_LIMIT_MS);
    waiting.push((line) => {
      clearTimeout(timer);
      resolveLine(line);
    });
  });
  let exited = null;
  const exitedPromise = new Promise((done) => child.on("exit", (code, signal) => {
    exited = { code, signal };
    while (waiting.length > 0) waiting.shift()("");
    done();
  }));
  const onExit = () => child.kill("SIGTERM");
  process.once("exit", onExit);

  const first = await nextLine();
  if (exited !== null || first === "") {
    throw new Error(`the vendor emulators exited (${JSON.stringify(exited)}); see contract-test/vendor-emulators.log`);
  }
  const ready = JSON.parse(first);
  return {
    ...ready,
    async violations() {
      const answer = nextLine();
      child.stdin.write("report\n");
      return JSON.parse(await answer);
    },
    async stop() {
      process.removeListener("exit", onExit);
      if (exited === null) {
        child.stdin.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exitedPromise;
        clearTimeout(timer);
      }
      await new Promise((done) => log.end(done));
    },
  };
}

/**
 * Bridgekeeper's settings for both vendors (docs/connectors/xero.md, quickbooks-online.md), as the environment
 * variable SPRING_APPLICATION_JSON: Spring reads its keys as written, so the rate limits' names (map keys such as
 * `tenant-minute`) arrive intact.
 */
export function vendorEnvironment({ gbol, qhyg }) {
  const settings = {
    "bridgekeeper.integrations.gbol.client-id": gbol.clientId,
    "bridgekeeper.integrations.gbol.client-secret": gbol.clientSecret,
    "bridgekeeper.integrations.gbol.urls.authorize": gbol.authorize,
    "bridgekeeper.integrations.gbol.urls.token": gbol.token,
    "bridgekeeper.integrations.gbol.urls.revoke": gbol.revoke,
    "bridgekeeper.integrations.gbol.urls.connections": gbol.connections,
    "bridgekeeper.integrations.gbol.urls.api-base": gbol.apiBase,
    // Xero's minute is compressed on both sides, as in the JVM tests: the emulator's window and the connector's
    "bridgekeeper.integrations.gbol.rate-limits.tenant-minute.window": gbol.minuteWindow,
    "bridgekeeper.integrations.gbol.rate-limits.app-minute.window": gbol.minuteWindow,
    "bridgekeeper.integrations.qhyg.client-id": qhyg.clientId,
    "bridgekeeper.integrations.qhyg.client-secret": qhyg.clientSecret,
    "bridgekeeper.integrations.qhyg.urls.authorize": qhyg.authorize,
    "bridgekeeper.integrations.qhyg.urls.token": qhyg.token,
    "bridgekeeper.integrations.qhyg.urls.revoke": qhyg.revoke,
    "bridgekeeper.integrations.qhyg.urls.api-base": qhyg.apiBase,
  };
  return { SPRING_APPLICATION_JSON: JSON.stringify(settings) };
}
