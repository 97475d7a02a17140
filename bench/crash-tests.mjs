#!/usr/bin/env node
// Crash and fault tests (issue 14), loopback only, bounded in time. Started by bench/run-crash-tests.sh, which
// provides one PostgreSQL (BENCH_PG_*), the shared settings of the instances (SPRING_DATASOURCE_*, the secrets,
// BRIDGEKEEPER_*) and a work directory. This script starts two Bridgekeeper instances (role all) on that
// database and runs:
//   c  PostgreSQL stopped (fast shutdown) and started again during a first sync and a webhook burst: both
//      instances reconnect, the pull completes and every event is delivered, with no operator action
//   a  kill -9 of the instance running a first sync, mid-sync: the other instance takes the pull over after the
//      missed heartbeats; every record is cached exactly once (ids compared with what the sandbox serves), every
//      dataset ends Complete, no job is left with the dead worker
//   b  kill -9 of one instance during a webhook burst (both instances dispatch): every event is delivered at
//      least once, and after de-duplication by webhook-id each event exactly once; nothing left undelivered
// c runs first (it needs both instances). a and b together are ONE kill: the instance running the sync dies while
// it is also delivering the burst (whose creates go to the other instance), so no restart is needed.
// The receiver answers slowly until the fault (so deliveries are in flight when it strikes), at once after it.
// It prints a summary per scenario and writes bench/results/crash-tests-<timestamp>.json.
//
// Node 20+, no npm dependencies. Exit 0 = every invariant held, 1 = bad options, 2 = setup failed (an instance
// or the database did not start, a link failed), 3 = an invariant failed.

import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const OPTIONS = {
  scenarios: ["a,b,c", "which scenarios to run, comma-separated subset of a,b,c"],
  user: ["user_slow", "sandbox user whose Sandbox Banking organisation is synced (user_slow: every page waits)"],
  "transactions-per-account": [40000, "banking transactions per bank account of that organisation (3 accounts)"],
  "slow-page-delay": ["PT0.5S", "how long each sandbox page of user_slow takes (bridgekeeper.sandbox.data.slow-page-delay)"],
  "heartbeat-interval": ["PT2S", "bridgekeeper.sync.heartbeat-interval of both instances (a dead worker's job is taken over after six)"],
  "webhook-timeout": ["PT5S", "bridgekeeper.webhooks.timeout (a dead sender's claims are leased for this + 60 s)"],
  "kill-at-progress": [30, "a, c: act once the banking-transactions pull reports this progress (10-70 while it fetches)"],
  events: [1500, "b, c: companies created (company.created events) in the burst"],
  "receiver-delay-ms": [200, "b, c: until the fault the receiver answers each delivery after this many ms (16 in flight"
    + " per consumer: at most 16000/ms deliveries/s), so deliveries are in flight when it strikes; at once after it"],
  "kill-at-delivered": [0.3, "b, c: act once this share of the burst has been delivered"],
  "pg-down-seconds": [5, "c: seconds PostgreSQL stays stopped"],
  "scenario-timeout": [240, "seconds a scenario may take to recover before it counts as failed"],
  "start-timeout": [300, "seconds an instance may take to be UP"],
};

const args = {};
for (const a of process.argv.slice(2)) {
  const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
  if (a === "--help" || !m || !(m[1] in OPTIONS)) {
    console.error("usage: bench/run-crash-tests.sh [options]\n" + Object.entries(OPTIONS)
      .map(([k, [d, h]]) => `  --${k.padEnd(26)} ${h} (default ${d})`).join("\n"));
    process.exit(a === "--help" ? 0 : 1);
  }
  args[m[1]] = m[2] ?? "true";
}
const opt = (name) => {
  const [def] = OPTIONS[name];
  const v = args[name] ?? def;
  return typeof def === "number" ? Number(v) : String(v);
};
const env = process.env;
for (const k of ["BENCH_API_KEY", "BENCH_DB_PASSWORD", "BENCH_PG_PORT", "BENCH_PG_DATA", "BENCH_PG_START",
  "BENCH_WORK_DIR", "BENCH_JAR"]) {
  if (!env[k]) {
    console.error(`${k} is not set: start this script with bench/run-crash-tests.sh`);
    process.exit(1);
  }
}
const scenarios = new Set(opt("scenarios").split(",").map((s) => s.trim()).filter(Boolean));
if ([...scenarios].some((s) => !["a", "b", "c"].includes(s))) {
  console.error("--scenarios: a subset of a,b,c");
  process.exit(1);
}
const work = env.BENCH_WORK_DIR;
const auth = `Basic ${Buffer.from(env.BENCH_API_KEY).toString("base64")}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s]`;
const log = (...a) => console.log(stamp(), ...a);
const seconds = (ms) => (ms === undefined || ms === null ? null : Math.round(ms / 100) / 10);

class SetupError extends Error {}

// ------------------------------------------------------------------------------------------------------------
// Processes: the instances and PostgreSQL
// ------------------------------------------------------------------------------------------------------------

const freePort = () => new Promise((resolve) => {
  const s = http.createServer();
  s.listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

const live = new Map(); // pid -> name, mirrored in work/pids for the wrapper's clean-up
const writePids = () => fs.writeFileSync(path.join(work, "pids"),
  [...live].map(([pid, name]) => `${pid} ${name}\n`).join(""));

class Instance {
  constructor(name, port) {
    this.name = name;
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.dataDir = path.join(work, `data-${name}`);
    this.logFile = path.join(work, `instance-${name}.log`);
    this.child = undefined;
  }

  get pid() {
    return this.child?.pid;
  }

  start() {
    const fd = fs.openSync(this.logFile, "a");
    const javaOpts = (env.BENCH_JAVA_OPTS ?? "").split(/\s+/).filter(Boolean);
    const user = opt("user");
    this.child = spawn("java", ["-Xmx512m", ...javaOpts, "-jar", env.BENCH_JAR,
      `--server.port=${this.port}`, "--server.address=127.0.0.1",
      `--bridgekeeper.sync.heartbeat-interval=${opt("heartbeat-interval")}`,
      `--bridgekeeper.webhooks.timeout=${opt("webhook-timeout")}`,
      `--bridgekeeper.sandbox.data.users.${user}.transactions-per-account=${opt("transactions-per-account")}`,
      `--bridgekeeper.sandbox.data.slow-page-delay=${opt("slow-page-delay")}`],
    { env: { ...env, BRIDGEKEEPER_PUBLIC_URL: this.base, BRIDGEKEEPER_DATA_DIR: this.dataDir,
      BENCH_API_KEY: "", BENCH_DB_PASSWORD: "" }, stdio: ["ignore", fd, fd] });
    fs.closeSync(fd);
    const child = this.child;
    child.on("exit", () => {
      live.delete(child.pid);
      writePids();
    });
    live.set(child.pid, `instance ${this.name}`);
    writePids();
    this.startedAt = Date.now();
    log(`instance ${this.name}: started (pid ${child.pid}) on ${this.base}, log ${this.logFile}`);
  }

  async waitUp() {
    const deadline = Date.now() + opt("start-timeout") * 1000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new SetupError(`instance ${this.name} exited during start-up; see ${this.logFile}`);
      }
      try {
        const r = await fetch(`${this.base}/actuator/health`, { signal: AbortSignal.timeout(2000) });
        if ((await r.json()).status === "UP") {
          const s = seconds(Date.now() - this.startedAt);
          log(`instance ${this.name}: UP after ${s} s`);
          return s;
        }
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
    throw new SetupError(`instance ${this.name} was not UP within ${opt("start-timeout")} s; see ${this.logFile}`);
  }

  kill9() {
    const child = this.child;
    process.kill(child.pid, "SIGKILL");
    log(`instance ${this.name}: kill -9 (pid ${child.pid})`);
    return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve()
      : child.once("exit", () => resolve())));
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]) === false) {
      child.kill("SIGKILL");
      await exited;
    }
  }
}

const pgPid = () => Number(fs.readFileSync(path.join(env.BENCH_PG_DATA, "postmaster.pid"), "utf8").split("\n")[0]);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** PostgreSQL's fast shutdown (SIGINT to the postmaster: clients disconnected, checkpoint, exit). */
async function pgStop() {
  const pid = pgPid();
  process.kill(pid, "SIGINT");
  while (alive(pid)) await sleep(100);
}

function pgStart() {
  execFileSync(env.BENCH_PG_START, [], { stdio: "ignore" });
}

function psql(sql) {
  return execFileSync("psql", ["-h", "127.0.0.1", "-p", env.BENCH_PG_PORT, "-U", "postgres", "-d", "postgres",
    "-v", "ON_ERROR_STOP=1", "-qAtX", "-F", "\t", "-c", sql],
  { encoding: "utf8", env: { ...env, PGPASSWORD: env.BENCH_DB_PASSWORD }, stdio: ["ignore", "pipe", "pipe"] })
    .trim().split("\n").filter(Boolean).map((line) => line.split("\t"));
}

// ------------------------------------------------------------------------------------------------------------
// The API, the sandbox and the link
// ------------------------------------------------------------------------------------------------------------

async function api(base, method, pathname, body) {
  const response = await fetch(base + pathname, {
    method, headers: { Authorization: auth, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname} -> ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** A browser: cookies kept, redirects not followed. */
function browser() {
  const cookies = new Map();
  const go = async (url, init = {}) => {
    const r = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000),
      headers: { ...(init.headers ?? {}), Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of r.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    return r;
  };
  const post = (url, fields) => go(url, { method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
  return { go, post };
}

const un = (v) => v.replaceAll("&amp;", "&");

/**
 * Signs in to the sandbox as the user and allows access, starting from an authorization URL; returns the URL the
 * sandbox finally redirects to outside /sandbox (Bridgekeeper's callback with the code), without following it.
 */
async function sandboxAuthorize(base, authorizeUrl, b = browser()) {
  const abs = (l) => new URL(l, base).toString();
  const follow = async (r) => {
    while ([301, 302, 303].includes(r.status)) {
      const l = abs(r.headers.get("location"));
      if (!l.startsWith(`${base}/sandbox`)) return { r, l };
      r = await b.go(l);
    }
    return { r };
  };
  let step = await follow(await b.go(authorizeUrl));
  if (step.l) return step.l;
  const signIn = await step.r.text();
  const csrf = signIn.match(/name="_csrf" value="([^"]*)"/);
  if (!csrf) throw new SetupError(`no sandbox sign-in page at ${authorizeUrl}: ${signIn.slice(0, 200)}`);
  step = await follow(await b.post(`${base}/sandbox/login`,
    { username: opt("user"), password: "pass_good", _csrf: un(csrf[1]) }));
  if (step.l) return step.l;
  const consent = await step.r.text();
  const fields = Object.fromEntries([...consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
    .map((m) => [m[1], un(m[2])]));
  const scope = consent.match(/name="scope" value="([^"]+)"/);
  const action = consent.match(/<form method="post" action="([^"]*oauth2\/authorize)"/);
  if (!scope || !action) throw new SetupError(`no sandbox consent page: ${consent.slice(0, 200)}`);
  fields.scope = scope[1];
  step = await follow(await b.post(abs(un(action[1])), fields));
  if (!step.l) throw new SetupError(`the sandbox did not redirect back (HTTP ${step.r.status})`);
  return step.l;
}

/** The customer's trip: linkUrl, sandbox sign-in and consent, Bridgekeeper's callback. */
async function link(base, linkUrl) {
  const b = browser();
  const callback = await sandboxAuthorize(base, linkUrl, b);
  const r = await b.go(callback);
  if (r.status >= 400) throw new SetupError(`the OAuth callback answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
}

/**
 * What the sandbox itself serves: an access token of our own for the same organisation (authorization code with
 * PKCE as Bridgekeeper's client, the code taken from the redirect instead of Bridgekeeper's callback), then every
 * page of the data type. Returns the ids in the order served.
 */
async function sandboxIds(base, dataType) {
  const verifier = crypto.randomBytes(32).toString("base64url");
  const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
  const redirectUri = `${base}/oauth/callback`;
  const authorize = `${base}/sandbox/banking/oauth2/authorize?` + new URLSearchParams({ response_type: "code",
    client_id: "bridgekeeper", scope: "banking.read", redirect_uri: redirectUri, state: crypto.randomUUID(),
    code_challenge: challenge, code_challenge_method: "S256" });
  const callback = new URL(await sandboxAuthorize(base, authorize));
  const code = callback.searchParams.get("code");
  if (!code) throw new SetupError(`no code from the sandbox: ${callback}`);
  const secret = env.BRIDGEKEEPER_SANDBOX_CLIENT_SECRET ?? "sandbox-client-secret";
  const token = await fetch(`${base}/sandbox/banking/oauth2/token`, { method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`bridgekeeper:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri,
      code_verifier: verifier }) });
  if (!token.ok) throw new SetupError(`sandbox token endpoint: ${token.status} ${await token.text()}`);
  const accessToken = (await token.json()).access_token;
  const ids = [];
  for (let page = 1; ; page++) {
    const r = await fetch(`${base}/sandbox/banking/api/data/${dataType}?page=${page}&pageSize=5000`,
      { headers: { Authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(60_000) });
    if (!r.ok) throw new Error(`sandbox ${dataType} page ${page}: ${r.status}`);
    const body = await r.json();
    ids.push(...body.results.map((x) => x.id));
    if (body.results.length === 0 || ids.length >= body.totalResults) return ids;
  }
}

/** Every id Bridgekeeper's cache serves for a connection's data type, through the API, in page order. */
async function cachedIds(base, company, connection, dataType) {
  const ids = [];
  for (let page = 1; ; page++) {
    const body = await api(base, "GET",
      `/companies/${company}/connections/${connection}/data/${dataType}?page=${page}&pageSize=5000`);
    ids.push(...body.results.map((x) => x.id));
    if (body.results.length === 0 || ids.length >= body.totalResults) return { ids, total: body.totalResults };
  }
}

const SBBK_TYPES = ["banking-accounts", "banking-transactions", "banking-accountBalances",
  "banking-transactionCategories"];

/** A company whose link fetches every Sandbox Banking data type, and its Sandbox Banking connection, linked. */
async function linkedCompany(base, name) {
  const company = await api(base, "POST", "/companies", { name });
  await api(base, "POST", `/companies/${company.id}/syncSettings`, { overridesDefaults: true,
    settings: SBBK_TYPES.map((dataType, i) => ({ dataType, fetchOnFirstLink: true, syncSchedule: 0, syncOrder: i })) });
  const connection = await api(base, "POST", `/companies/${company.id}/connections`, { platformKey: "sbbk" });
  await link(base, connection.linkUrl);
  return { company: company.id, connection: connection.id };
}

/** The pull operations of the company's connection, newest first; undefined while the API cannot answer. */
async function pulls(base, target) {
  try {
    const h = await api(base, "GET", `/companies/${target.company}/data/history?pageSize=100`);
    return h.results.filter((p) => p.connectionId === target.connection);
  } catch {
    return undefined;
  }
}

/** Waits until every pull of the connection has finished; returns them, or throws after the scenario timeout. */
async function allFinished(base, target, deadline) {
  let last;
  while (Date.now() < deadline) {
    const ops = await pulls(base, target);
    if (ops) last = ops;
    if (ops && ops.length >= SBBK_TYPES.length && ops.every((p) => p.isCompleted || p.isErrored)) return ops;
    await sleep(250);
  }
  return last ?? [];
}

/** The checks of a first sync after a fault: each dataset Complete, each record once, the same ids as the sandbox. */
async function checkSync(base, target, ops, problems) {
  const result = { datasets: {}, records: 0, sandboxRecords: 0, duplicates: 0, lost: 0, extra: 0, stuck: 0 };
  for (const dataType of SBBK_TYPES) {
    const op = ops.find((p) => p.dataType === dataType);
    const status = op?.status ?? "missing";
    if (status !== "Complete") problems.push(`${dataType}: pull ended ${status}${op?.errorMessage ? ` (${op.errorMessage})` : ""}`);
    if (["Queued", "Fetching", "Mapping", "missing"].includes(status)) result.stuck++;
    const cached = await cachedIds(base, target.company, target.connection, dataType);
    const served = await sandboxIds(base, dataType);
    const cachedSet = new Set(cached.ids);
    const servedSet = new Set(served);
    const duplicates = cached.ids.length - cachedSet.size;
    const lost = served.filter((id) => !cachedSet.has(id)).length;
    const extra = [...cachedSet].filter((id) => !servedSet.has(id)).length;
    // the table itself: rows per (connection, data type) and distinct ids, straight from PostgreSQL
    const [[rows, distinct]] = psql(`select count(*), count(distinct record_id) from record where connection_id = '${target.connection}' and data_type = '${dataType}'`);
    const rowDuplicates = Number(rows) - Number(distinct);
    result.datasets[dataType] = { status, progress: op?.progress, cached: cached.ids.length, totalResults: cached.total,
      sandbox: served.length, rows: Number(rows), duplicates: duplicates + rowDuplicates, lost, extra };
    result.records += cached.ids.length;
    result.sandboxRecords += served.length;
    result.duplicates += duplicates + rowDuplicates;
    result.lost += lost;
    result.extra += extra;
    if (duplicates || rowDuplicates) problems.push(`${dataType}: ${duplicates + rowDuplicates} records cached more than once`);
    if (lost) problems.push(`${dataType}: ${lost} of the sandbox's ${served.length} records not in the cache`);
    if (extra) problems.push(`${dataType}: ${extra} cached records the sandbox does not serve`);
    if (cached.total !== cached.ids.length) problems.push(`${dataType}: totalResults ${cached.total} but ${cached.ids.length} records listed`);
  }
  // no execution left behind: every sync job of these pulls is gone from the scheduler
  const left = psql(`select task_instance, picked, coalesce(picked_by, '') from scheduled_tasks where task_name = 'sync-dataset' and task_instance in (${ops.map((p) => `'${p.id}'`).join(",") || "''"})`);
  result.jobsLeft = left.length;
  if (left.length) problems.push(`${left.length} sync jobs still in scheduled_tasks: ${JSON.stringify(left)}`);
  return result;
}

// ------------------------------------------------------------------------------------------------------------
// Webhooks: the receiver and the burst
// ------------------------------------------------------------------------------------------------------------

function startReceiver() {
  const rec = { deliveries: 0, byId: new Map(), byCompany: new Map(), arrivals: [], bad: 0, delayMs: 0 };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const answer = () => {
        res.writeHead(200, { "Content-Length": 0 });
        res.end();
      };
      if (rec.delayMs > 0) setTimeout(answer, rec.delayMs);
      else answer();
      const id = req.headers["webhook-id"];
      let envelope;
      try {
        envelope = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        rec.bad++;
        return;
      }
      if (!id || envelope.eventType !== "company.created") {
        rec.bad += id ? 0 : 1;
        return;
      }
      rec.deliveries++;
      const companyId = envelope.payload?.id ?? envelope.payload?.companyId;
      const seen = rec.byId.get(id);
      if (seen) {
        seen.count++;
        return;
      }
      rec.byId.set(id, { count: 1, companyId, at: Date.now() });
      rec.arrivals.push(Date.now());
      const ids = rec.byCompany.get(companyId) ?? new Set();
      ids.add(id);
      rec.byCompany.set(companyId, ids);
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, rec,
    url: `http://127.0.0.1:${server.address().port}/hook` })));
}

/** Creates `count` companies against `base`, 16 at a time; their ids. A failed create is retried (at most 5 times). */
async function burst(base, count, tag) {
  const ids = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      for (let attempt = 1; ; attempt++) {
        try {
          ids.push((await api(base, "POST", "/companies", { name: `Crash ${tag} ${i}` })).id);
          break;
        } catch (e) {
          failures++;
          if (attempt >= 5) throw e;
          await sleep(500);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { ids, failures };
}

/** Waits until every created company's event has arrived, or the deadline. */
async function allDelivered(rec, created, deadline) {
  while (Date.now() < deadline) {
    if (created.every((id) => rec.byCompany.has(id))) return true;
    await sleep(200);
  }
  return false;
}

/** The delivery checks: at least once, each event (company) under one webhook-id, nothing pending in the outbox. */
function checkDeliveries(rec, created, consumerId, problems) {
  const createdSet = new Set(created);
  let eventsDelivered = 0;
  let idsPerEventAboveOne = 0;
  for (const id of created) {
    const ids = rec.byCompany.get(id);
    if (ids) eventsDelivered++;
    if (ids && ids.size > 1) idsPerEventAboveOne++;
  }
  let duplicateDeliveries = 0;
  let idsDeliveredMoreThanOnce = 0;
  let unknown = 0;
  for (const d of rec.byId.values()) {
    if (d.count > 1) {
      idsDeliveredMoreThanOnce++;
      duplicateDeliveries += d.count - 1;
    }
    if (!createdSet.has(d.companyId)) unknown++;
  }
  const lost = created.length - eventsDelivered;
  const pending = psql(`select status, count(*) from webhook_delivery where consumer_id = '${consumerId}' group by status`);
  const notSucceeded = pending.filter(([s]) => s !== "Succeeded").reduce((a, [, n]) => a + Number(n), 0);
  if (lost) problems.push(`${lost} of ${created.length} events never delivered`);
  if (idsPerEventAboveOne) problems.push(`${idsPerEventAboveOne} events delivered under more than one webhook-id (not removable by de-duplication)`);
  if (unknown) problems.push(`${unknown} deliveries for companies this run did not create`);
  if (notSucceeded) problems.push(`${notSucceeded} deliveries not Succeeded in webhook_delivery: ${JSON.stringify(pending)}`);
  return { events: created.length, delivered: eventsDelivered, deliveries: rec.deliveries,
    duplicatesBeforeDedup: duplicateDeliveries, idsDeliveredMoreThanOnce, duplicatesAfterDedup: idsPerEventAboveOne,
    lost, outboxNotSucceeded: notSucceeded };
}

/**
 * Waits until the consumer's outbox has nothing Pending (every delivery recorded Succeeded), or the deadline. A
 * delivery sent but not recorded when its sender died (or lost the database) stays Pending until its lease runs out
 * and it is sent again: at-least-once; the receiver sees it twice. Returns when that happened (ms since epoch).
 */
async function outboxDrained(consumerId, deadline) {
  while (Date.now() < deadline) {
    try {
      const [[pending]] = psql(`select count(*) from webhook_delivery where consumer_id = '${consumerId}' and status <> 'Succeeded'`);
      if (Number(pending) === 0) return Date.now();
    } catch {
      // the database is not back yet
    }
    await sleep(500);
  }
  return undefined;
}

/** The longest silence at the receiver after `from` until the last arrival (how long delivery stalled). */
function longestGapAfter(arrivals, from) {
  const after = [from, ...arrivals.filter((t) => t >= from)].sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < after.length; i++) gap = Math.max(gap, after[i] - after[i - 1]);
  return gap;
}

/**
 * Deletes the consumer, so the next scenario's burst is not sent to it too. Its deliveries and attempt log go with
 * it; with BENCH_KEEP_DATA=1 they are first copied to crash_kept_delivery and crash_kept_attempt, to study.
 */
async function dropConsumer(base, consumerId) {
  if (env.BENCH_KEEP_DATA === "1") {
    for (const [kept, table] of [["crash_kept_delivery", "webhook_delivery"], ["crash_kept_attempt", "webhook_attempt"]]) {
      psql(`create table if not exists ${kept} as select * from ${table} where false`);
      psql(`insert into ${kept} select * from ${table} where consumer_id = '${consumerId}'`);
    }
  }
  await api(base, "DELETE", `/webhooks/${consumerId}`);
}

async function newConsumer(base, url) {
  return (await api(base, "POST", "/webhooks", { url, eventTypes: ["company.created"] })).id;
}

// ------------------------------------------------------------------------------------------------------------
// Scenarios
// ------------------------------------------------------------------------------------------------------------

/** The instance (of the two) whose process runs the job of this pull, from db-scheduler's picked_by (host-pid-n). */
function runnerOf(pullId, instances) {
  const rows = psql(`select coalesce(picked_by, '') from scheduled_tasks where task_name = 'sync-dataset' and task_instance = '${pullId}' and picked`);
  if (!rows.length) return undefined;
  const parts = rows[0][0].split("-");
  const pid = Number(parts[parts.length - 2]);
  return instances.find((i) => i.pid === pid);
}

/** Waits until the pull of banking-transactions is Fetching at the kill point (or throws: the sync was too short). */
async function pullAtKillPoint(base, target, deadline, ready = () => true) {
  for (;;) {
    if (Date.now() > deadline) throw new SetupError("the first sync never reached the point of the fault");
    const pull = (await pulls(base, target))?.find((p) => p.dataType === "banking-transactions");
    if (pull && (pull.isCompleted || pull.isErrored)) {
      throw new SetupError(`the sync ended ${pull.status} before the fault; raise --transactions-per-account`);
    }
    if (pull?.status === "Fetching" && pull.progress >= opt("kill-at-progress") && ready()) return pull;
    await sleep(100);
  }
}

function resetReceiver(receiver) {
  receiver.rec.delayMs = opt("receiver-delay-ms"); // slow until the fault, at once after it

  receiver.rec.byId.clear();
  receiver.rec.byCompany.clear();
  receiver.rec.arrivals.length = 0;
  receiver.rec.deliveries = 0;
}

/**
 * Scenarios a and b: kill -9 of one instance during a first sync (a), during a webhook burst (b), or both at once
 * (one kill: the instance running the sync, while it also delivers). The burst's creates go to the other instance.
 */
async function scenarioKill(instances, receiver, withSync, withBurst) {
  const problems = [];
  const deadline = Date.now() + opt("scenario-timeout") * 1000;
  let target;
  let pull;
  let victim = instances[1];
  if (withSync) {
    log(`${withBurst ? "a+b" : "a"}: linking a Sandbox Banking organisation of ${3 * opt("transactions-per-account")}`
      + ` transactions (${opt("user")}) through instance ${instances[0].name}`);
    target = await linkedCompany(instances[0].base, `Crash a ${Date.now()}`);
    victim = undefined;
    while (!victim) { // the instance whose worker picked the pull is the one to kill
      if (Date.now() > deadline) throw new SetupError("a: no instance picked the pull");
      pull = (await pulls(instances[0].base, target))?.find((p) => p.dataType === "banking-transactions");
      if (pull) victim = runnerOf(pull.id, instances);
      if (!victim) await sleep(100);
    }
  }
  const front = instances.find((i) => i !== victim);
  let consumerId;
  let creating;
  let created = [];
  if (withBurst) {
    resetReceiver(receiver);
    consumerId = await newConsumer(front.base, receiver.url);
    log(`b: ${opt("events")} company.created events through instance ${front.name}; both instances deliver`);
    creating = burst(front.base, opt("events"), "b");
    creating.then((r) => (created = r.ids), () => {});
  }
  const burstReady = () => !withBurst || receiver.rec.byId.size >= opt("events") * opt("kill-at-delivered");
  if (withSync) {
    pull = await pullAtKillPoint(front.base, target, deadline, burstReady);
  } else {
    while (!burstReady()) {
      if (Date.now() > deadline) throw new SetupError("b: the burst never reached the kill point");
      await sleep(20);
    }
  }
  const deliveredAtKill = receiver.rec.byId.size;
  const killedAt = Date.now();
  await victim.kill9();
  receiver.rec.delayMs = 0; // the rest drains at full speed
  const results = [];
  if (withSync) {
    // the pull's job goes back to the other instance once the dead worker's heartbeat is six intervals old
    let takenOverAt;
    let ops;
    while (Date.now() < deadline) {
      if (!takenOverAt && runnerOf(pull.id, instances) === front) {
        takenOverAt = Date.now();
        log(`a: instance ${front.name} took the pull over ${seconds(takenOverAt - killedAt)} s after the kill`);
      }
      ops = await pulls(front.base, target);
      if (ops && ops.length >= SBBK_TYPES.length && ops.every((p) => p.isCompleted || p.isErrored)) break;
      await sleep(250);
    }
    const completedAt = Date.now();
    log(`a: every pull finished ${seconds(completedAt - killedAt)} s after the kill`);
    const aProblems = [];
    const sync = await checkSync(front.base, target, ops ?? [], aProblems);
    results.push({ name: "a: kill -9 during a first sync", killed: victim.name, progressAtKill: pull.progress,
      takenOverAfterSeconds: seconds(takenOverAt ? takenOverAt - killedAt : null),
      completedAfterKillSeconds: seconds(completedAt - killedAt), ...sync, problems: aProblems });
  }
  if (withBurst) {
    const { failures } = await creating;
    log(`b: ${created.length} created (${failures} create attempts failed and were retried); waiting for every delivery`);
    await allDelivered(receiver.rec, created, deadline);
    const lastArrival = Math.max(...receiver.rec.arrivals);
    const drainedAt = await outboxDrained(consumerId, deadline);
    const bProblems = [];
    const deliveries = checkDeliveries(receiver.rec, created, consumerId, bProblems);
    await dropConsumer(front.base, consumerId);
    results.push({ name: "b: kill -9 during a webhook burst", killed: victim.name, deliveredAtKill,
      allDeliveredAfterKillSeconds: seconds(lastArrival - killedAt),
      outboxDrainedAfterKillSeconds: seconds(drainedAt ? drainedAt - killedAt : null),
      longestStallAfterKillSeconds: seconds(longestGapAfter(receiver.rec.arrivals, killedAt)),
      createFailures: failures, ...deliveries, problems: bProblems });
  }
  return results;
}

/** Scenario c: PostgreSQL stopped and started again while a first sync runs and a burst is being delivered. */
async function scenarioC(instances, receiver) {
  const problems = [];
  const [front] = instances;
  resetReceiver(receiver);
  const consumerId = await newConsumer(front.base, receiver.url);
  log(`c: a first sync (${opt("user")}) and ${opt("events")} company.created events, then PostgreSQL stopped for ${opt("pg-down-seconds")} s`);
  const events = opt("events");
  const creating = burst(front.base, events, "c"); // alongside the link: the creates must be done before the stop
  const target = await linkedCompany(front.base, `Crash c ${Date.now()}`);
  let created = [];
  let creates;
  creating.then((r) => {
    created = r.ids;
    creates = r;
  }, () => {});
  const deadline = Date.now() + opt("scenario-timeout") * 1000;
  // the creates must be done (they need the database) and a share of their events delivered
  const pull = await pullAtKillPoint(front.base, target, deadline,
    () => creates !== undefined && receiver.rec.byId.size >= events * opt("kill-at-delivered"));
  if (created.every((id) => receiver.rec.byCompany.has(id))) { // too late: nothing in flight any more
    throw new SetupError("c: every event was delivered before PostgreSQL was stopped; raise --events or --receiver-delay-ms");
  }
  const deliveredAtStop = receiver.rec.byId.size;
  const stoppedAt = Date.now();
  await pgStop();
  log(`c: PostgreSQL stopped (pull at ${pull.progress} %, ${deliveredAtStop} of ${events} events delivered)`);
  receiver.rec.delayMs = 0; // the rest drains at full speed
  await sleep(opt("pg-down-seconds") * 1000);
  pgStart();
  const upAt = Date.now();
  log(`c: PostgreSQL started again after ${seconds(upAt - stoppedAt)} s`);
  const ops = await allFinished(front.base, target, deadline);
  const syncDoneAt = Date.now();
  log(`c: every pull finished ${seconds(syncDoneAt - upAt)} s after the restart; waiting for every delivery`);
  const expected = [...created, target.company]; // the synced company's own company.created, too
  await allDelivered(receiver.rec, expected, deadline);
  const lastArrival = Math.max(...receiver.rec.arrivals);
  const drainedAt = await outboxDrained(consumerId, deadline);
  const sync = await checkSync(front.base, target, ops, problems);
  const deliveries = checkDeliveries(receiver.rec, expected, consumerId, problems);
  const health = [];
  for (const i of instances) {
    try {
      const r = await fetch(`${i.base}/actuator/health`, { signal: AbortSignal.timeout(5000) });
      health.push(`${i.name}: ${(await r.json()).status}`);
    } catch (e) {
      health.push(`${i.name}: ${e.message}`);
      problems.push(`instance ${i.name} not answering after the restart`);
    }
  }
  await dropConsumer(front.base, consumerId);
  return { name: "c: PostgreSQL restarted during a sync and a delivery", progressAtStop: pull.progress,
    deliveredAtStop, downSeconds: seconds(upAt - stoppedAt),
    syncCompletedAfterRestartSeconds: seconds(syncDoneAt - upAt),
    allDeliveredAfterRestartSeconds: seconds(lastArrival - upAt),
    outboxDrainedAfterRestartSeconds: seconds(drainedAt ? drainedAt - upAt : null),
    createFailures: creates.failures, health,
    sync, deliveries, problems };
}

// ------------------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------------------

function machine() {
  const version = execFileSync("bash", ["-c", "java -version 2>&1 | head -n 1"], { encoding: "utf8" }).trim();
  return { date: new Date().toISOString(), nproc: os.cpus().length, cpuModel: os.cpus()[0]?.model?.trim(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30), java: version, node: process.version,
    os: `${os.type()} ${os.release()}`, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) };
}

const instances = [new Instance("A", await freePort()), new Instance("B", await freePort())];
const results = { machine: machine(), options: Object.fromEntries(Object.keys(OPTIONS).map((k) => [k, opt(k)])),
  scenarios: [] };
let exitCode = 0;
let receiver;
try {
  for (const i of instances) i.start();
  for (const i of instances) await i.waitUp();
  receiver = await startReceiver();
  // c first: it needs both instances, and a and b end with one of them dead
  if (scenarios.has("c")) results.scenarios.push(await scenarioC(instances, receiver));
  if (scenarios.has("a") || scenarios.has("b")) {
    results.scenarios.push(...await scenarioKill(instances, receiver, scenarios.has("a"), scenarios.has("b")));
  }
} catch (e) {
  console.error(`${stamp()} ${e instanceof SetupError ? "setup failed" : "failed"}: ${e.stack ?? e}`);
  exitCode = e instanceof SetupError ? 2 : 3;
  results.error = String(e.message ?? e);
} finally {
  receiver?.server.close();
  receiver?.server.closeAllConnections();
  for (const i of instances) await i.stop();
}

results.wallSeconds = seconds(Date.now() - t0);
console.log(`\ncrash and fault tests: ${results.machine.date}, ${results.machine.nproc} CPUs, ${results.machine.memoryGiB} GiB, ${results.machine.java}`);
for (const s of results.scenarios) {
  const flat = { ...s };
  delete flat.problems;
  delete flat.datasets;
  for (const k of ["sync", "deliveries"]) {
    if (flat[k]) {
      for (const [kk, v] of Object.entries(flat[k])) if (typeof v !== "object") flat[`${k}.${kk}`] = v;
      delete flat[k];
    }
  }
  console.log(`\n${s.name}`);
  console.table(Object.fromEntries(Object.entries(flat).filter(([k]) => k !== "name")
    .map(([k, v]) => [k, Array.isArray(v) ? v.join("; ") : v])));
  if (s.problems.length) {
    exitCode = Math.max(exitCode, 3);
    for (const p of s.problems) console.log(`  INVARIANT FAILED: ${p}`);
  } else {
    console.log("  every invariant held");
  }
}
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
fs.mkdirSync(dir, { recursive: true });
const out = path.join(dir, `crash-tests-${results.machine.date.replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
console.log(`\nwall time ${results.wallSeconds} s; written ${out}; exit ${exitCode}`);
process.exit(exitCode);
