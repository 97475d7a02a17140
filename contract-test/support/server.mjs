// Starts a real Bridgekeeper jar for the contract test and stops it again.
//
// The server gets a free port, a fresh data directory (so the embedded PostgreSQL starts empty), a
// random bootstrap API key and an embedded-database port of 0. Its output goes to server.log next to
// package.json (git-ignored); the last lines are printed when start-up fails.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { access, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// generous by default: on a shared 2-core CI machine several servers (and a browser) may start at once, while a
// healthy start takes ~10 s; BRIDGEKEEPER_STARTUP_SECONDS changes it
const STARTUP_LIMIT_MS = Number(process.env.BRIDGEKEEPER_STARTUP_SECONDS ?? 300) * 1000;
const SHUTDOWN_LIMIT_MS = 30_000;
const TAIL_LINES = 80;

/** Asks the kernel for a port nobody listens on, then gives it back for the server to take. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

function jarPath() {
  return resolve(PROJECT_DIR, process.env.BRIDGEKEEPER_JAR ?? "../target/bridgekeeper.jar");
}

/**
 * Starts the server and resolves once /actuator/health says UP. `port` is a free port taken beforehand (when
 * something must know the server's address before it starts, e.g. a vendor's registered redirect URI).
 * @returns {Promise<{baseUrl: string, apiKey: string, stop: () => Promise<void>}>}
 */
export async function startServer({ name = "server", env = {}, port: chosenPort } = {}) {
  const jar = jarPath();
  try {
    await access(jar);
  } catch {
    throw new Error(`No server jar at ${jar}. Build it first (./mvnw -DskipTests package) or set BRIDGEKEEPER_JAR.`);
  }

  const port = chosenPort ?? await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "bridgekeeper-contract-"));
  const apiKey = randomBytes(30).toString("base64url");
  const baseUrl = `http://127.0.0.1:${port}`;

  const logPath = join(PROJECT_DIR, `${name}.log`);
  const logFile = createWriteStream(logPath);
  const tail = [];
  const remember = (chunk) => {
    logFile.write(chunk);
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.length > 0) {
        tail.push(line);
      }
    }
    if (tail.length > TAIL_LINES) {
      tail.splice(0, tail.length - TAIL_LINES);
    }
  };

  const child = spawn("java", ["-Xmx512m", "-jar", jar, `--server.port=${port}`], {
    cwd: dataDir,
    env: {
      ...process.env,
      BRIDGEKEEPER_DATA_DIR: dataDir,
      BRIDGEKEEPER_BOOTSTRAP_API_KEY: apiKey,
      BRIDGEKEEPER_EMBEDDED_DATABASE_PORT: "0",
      // the public URL is this very server, so linkUrls and the sandbox platforms' URLs point here
      BRIDGEKEEPER_PUBLIC_URL: baseUrl,
      // the rate limits stay on but far above what the tests send (their default daily quota is 1,000 requests,
      // 10 wrong keys a minute per address, 300 browser requests a minute per address)
      BRIDGEKEEPER_THROTTLE_CLIENT_QUOTA: "100000000",
      BRIDGEKEEPER_THROTTLE_FAILEDAUTHENTICATION_LIMIT: "100000000",
      BRIDGEKEEPER_THROTTLE_SIGNIN_LIMIT: "100000000",
      BRIDGEKEEPER_THROTTLE_SANDBOXTOKEN_LIMIT: "100000000",
      BRIDGEKEEPER_THROTTLE_BROWSER_LIMIT: "100000000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", remember);
  child.stderr.on("data", remember);

  let exited = null;
  const exitedPromise = new Promise((resolveExit) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      resolveExit(exited);
    });
    child.on("error", (error) => {
      exited = { code: null, signal: null, error };
      resolveExit(exited);
    });
  });

  // If the test process goes away without running after(), still ask the JVM to shut down; SIGTERM
  // lets it stop its embedded PostgreSQL instead of leaving it orphaned.
  const onExit = () => {
    if (exited === null) {
      child.kill("SIGTERM");
    }
  };
  process.once("exit", onExit);

  const stop = async () => {
    process.removeListener("exit", onExit);
    if (exited === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), SHUTDOWN_LIMIT_MS);
      await exitedPromise;
      clearTimeout(timer);
    }
    await new Promise((done) => logFile.end(done));
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + STARTUP_LIMIT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (exited !== null) {
      lastProblem = `the server exited early (${exited.error ?? `code ${exited.code}, signal ${exited.signal}`})`;
      break;
    }
    try {
      const response = await fetch(`${baseUrl}/actuator/health`, { signal: AbortSignal.timeout(5_000) });
      const body = await response.json().catch(() => ({}));
      if (response.ok && body.status === "UP") {
        return { baseUrl, apiKey, stop };
      }
      lastProblem = `health answered ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      lastProblem = error.cause?.code ?? error.message;
    }
    await new Promise((wake) => setTimeout(wake, 500));
  }

  console.error(`--- last ${tail.length} lines of the server log (${logPath}) ---`);
  console.error(tail.join("\n"));
  console.error("--- end of server log ---");
  await stop();
  throw new Error(exited !== null
    ? `Bridgekeeper did not start: ${lastProblem}`
    : `Bridgekeeper did not become healthy at ${baseUrl} within ${STARTUP_LIMIT_MS / 1000} s: ${lastProblem}`);
}
