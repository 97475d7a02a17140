#!/usr/bin/env node
// First-sync benchmark (loopback only, bounded): links a Sandbox Banking organisation through the sandbox's
// pages over plain HTTP, waits for the first sync of banking-transactions, and reports records/s and wall
// time; samples the server's resident memory (with --server-pid); reads 100-record pages by query from the
// synced set (p50/p99); and, with --db-port, times a raw PostgreSQL COPY of the same rows with psql as the
// ceiling. The organisation's size is the server's setting
// bridgekeeper.sandbox.data.users.<user>.transactions-per-account (run-sync-first.sh sets it).
//
// Node 20+, no npm dependencies. Exit 0 = measured (goals met or not), 1 = bad options, 2 = failed.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const baseUrl = args["base-url"] ?? process.env.BENCH_BASE_URL ?? "http://127.0.0.1:8080";
const apiKey = args["api-key"] ?? process.env.BENCH_API_KEY;
const user = args.user ?? "user_good";
// optional: first sync another sandbox user's organisation, unmeasured, so the measured sync runs on code the JIT
// has compiled already, as on a server that has been up for a while (run-sync-first.sh: BENCH_WARMUP=1)
const warmupUser = args["warmup-user"];
const timeoutS = Number(args["timeout-s"] ?? 1800);
const pageReads = Number(args["page-reads"] ?? 500);
const serverPid = args["server-pid"];
const dbPort = args["db-port"];
const invoices = args.invoices !== "false"; // also link Sandbox Accounting and time the first sync of its invoices
const host = new URL(baseUrl).hostname;
if (!["127.0.0.1", "localhost", "[::1]"].includes(host) || !apiKey) {
  console.error("usage: sync-first.mjs --base-url=http://127.0.0.1:PORT --api-key=KEY [--server-pid=PID]"
    + " [--db-port=PORT] [--user=user_good] [--page-reads=500] [--timeout-s=1800] (loopback only)");
  process.exit(1);
}
const auth = `Basic ${Buffer.from(apiKey).toString("base64")}`;
const deadline = Date.now() + timeoutS * 1000;

async function api(method, pathname, body) {
  const response = await fetch(baseUrl + pathname, {
    method, headers: { Authorization: auth, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${pathname} -> ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

/** The customer's trip through the sandbox pages: sign in, allow, back to Bridgekeeper's callback. */
async function link(linkUrl, as = user) {
  const cookies = new Map();
  const go = async (url, init = {}) => {
    const r = await fetch(url, { ...init, redirect: "manual",
      headers: { ...(init.headers ?? {}), Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of r.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    return r;
  };
  const post = (url, fields) => go(url, { method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
  const abs = (l) => new URL(l, baseUrl).toString();
  const follow = async (r) => {
    while ([301, 302, 303].includes(r.status)) {
      const l = abs(r.headers.get("location"));
      if (!l.startsWith(`${baseUrl}/sandbox`)) {
        return { r, l };
      }
      r = await go(l);
    }
    return { r };
  };
  const un = (v) => v.replaceAll("&amp;", "&");
  const signIn = await (await follow(await go(linkUrl))).r.text();
  const consent = await (await follow(await post(`${baseUrl}/sandbox/login`, {
    username: as, password: "pass_good", _csrf: un(signIn.match(/name="_csrf" value="([^"]*)"/)[1]) }))).r.text();
  const fields = Object.fromEntries([...consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
    .map((m) => [m[1], un(m[2])]));
  fields.scope = consent.match(/name="scope" value="([^"]+)"/)[1];
  const action = abs(un(consent.match(/<form method="post" action="([^"]*oauth2\/authorize)"/)[1]));
  const { l } = await follow(await post(action, fields));
  await go(l);
}

function rssKb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(status.match(/VmRSS:\s+(\d+)/)[1]);
  } catch {
    return undefined;
  }
}

// CPU seconds used so far by a process (utime + stime; with children, also those of its reaped children)
function cpuSeconds(pid, withChildren = false) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    // after "(comm) ": state is fields[0], so utime (14th field of stat) is fields[11]
    const ticks = Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / 100;
  } catch {
    return 0;
  }
}

// the embedded PostgreSQL listening on dbPort: its postmaster (and reaped backends) plus its live children
function postgresCpuSeconds() {
  if (!dbPort) return undefined;
  let total = 0;
  const parents = new Map();
  let postmaster;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const ppid = fs.readFileSync(`/proc/${entry}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1];
      parents.set(entry, ppid);
      if (cmdline[0].endsWith("/postgres") && cmdline.includes("-p") && cmdline[cmdline.indexOf("-p") + 1] === String(dbPort)) {
        postmaster = entry;
      }
    } catch {
      // the process ended while we looked
    }
  }
  if (!postmaster) return undefined;
  total += cpuSeconds(postmaster, true);
  for (const [pid, ppid] of parents) {
    if (ppid === postmaster) total += cpuSeconds(pid);
  }
  return total;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

if (warmupUser) {
  const warm = await api("POST", "/companies", { name: `Sync warm-up ${Date.now()}` });
  await api("POST", `/companies/${warm.id}/syncSettings`, { overridesDefaults: true, settings: [
    { dataType: "banking-transactions", fetchOnFirstLink: true, syncSchedule: 0, syncOrder: 0 }] });
  const warmConnection = await api("POST", `/companies/${warm.id}/connections`, { platformKey: "sbbk" });
  const t0 = Date.now();
  await link(warmConnection.linkUrl, warmupUser);
  const done = await finished("banking-transactions", warm);
  console.log(`warm-up: first sync of ${warmupUser}'s organisation ${done.status} in ${(Date.now() - t0) / 1000} s`);
}

const company = await api("POST", "/companies", { name: `Sync benchmark ${Date.now()}` });
// only banking-transactions (and invoices, on the accounting link) on first link: one data type per measurement
await api("POST", `/companies/${company.id}/syncSettings`, { overridesDefaults: true, settings: [
  { dataType: "banking-transactions", fetchOnFirstLink: true, syncSchedule: 0, syncOrder: 0 },
  { dataType: "invoices", fetchOnFirstLink: true, syncSchedule: 0, syncOrder: 1 }] });
const connection = await api("POST", `/companies/${company.id}/connections`, { platformKey: "sbbk" });
let peakRssKb = serverPid ? rssKb(serverPid) : undefined;
const sampler = serverPid ? setInterval(() => {
  const now = rssKb(serverPid);
  peakRssKb = Math.max(peakRssKb ?? 0, now ?? 0);
}, 250) : undefined;
const cpuBefore = { server: serverPid ? cpuSeconds(serverPid) : undefined, postgres: postgresCpuSeconds() };
const linkStarted = Date.now();
await link(connection.linkUrl);

async function finished(dataType, of = company) {
  for (;;) {
    const history = await api("GET", `/companies/${of.id}/data/history?query=dataType%3D${dataType}`);
    const operation = history.results[0];
    if (operation && (operation.isCompleted || operation.isErrored)) {
      return operation;
    }
    if (Date.now() > deadline) {
      console.error(`gave up after ${timeoutS} s; last state ${JSON.stringify(operation)}`);
      process.exit(2);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const operation = await finished("banking-transactions");
const linkToCompleteSeconds = (Date.now() - linkStarted) / 1000;
// CPU from the link to the completed sync (the link itself is a small part)
const syncCpu = {
  serverSeconds: serverPid ? Number((cpuSeconds(serverPid) - cpuBefore.server).toFixed(1)) : undefined,
  postgresSeconds: cpuBefore.postgres !== undefined ? Number((postgresCpuSeconds() - cpuBefore.postgres).toFixed(1)) : undefined,
};
if (!operation.isCompleted) {
  console.error(`the sync ended ${operation.status}: ${operation.errorMessage}`);
  process.exit(2);
}
const list = `/companies/${company.id}/connections/${connection.id}/data/banking-transactions`;
const records = (await api("GET", `${list}?pageSize=1`)).totalResults;
const syncSeconds = (Date.parse(operation.completed) - Date.parse(operation.requested)) / 1000;

// invoices: a second, accounting connection of the same company, linked after the transactions are cached
let invoiceResult;
if (invoices) {
  const accounting = await api("POST", `/companies/${company.id}/connections`, { platformKey: "sbac" });
  await link(accounting.linkUrl);
  const done = await finished("invoices");
  if (!done.isCompleted) {
    console.error(`the invoices sync ended ${done.status}: ${done.errorMessage}`);
    process.exit(2);
  }
  const count = (await api("GET", `/companies/${company.id}/data/invoices?pageSize=1`)).totalResults;
  const seconds = (Date.parse(done.completed) - Date.parse(done.requested)) / 1000;
  invoiceResult = { records: count, syncSeconds: seconds, recordsPerSecond: Math.round(count / seconds) };
}
if (sampler) {
  clearInterval(sampler);
}

// page reads: 100-record pages of a query over the synced set, pages spread over the result
const query = encodeURIComponent("amount>0&&accountId=bank-1");
// the first read of this query since the sync builds its page index (count and anchors): timed on its own
const cold0 = performance.now();
const matching = (await api("GET", `${list}?pageSize=1&query=${query}`)).totalResults;
const firstReadMs = performance.now() - cold0;
const pages = Math.max(1, Math.floor(matching / 100));
const latencies = [];
for (let i = 0; i < pageReads && Date.now() < deadline; i++) {
  const page = 1 + ((i * 7919) % pages);
  const t0 = performance.now();
  await api("GET", `${list}?pageSize=100&page=${page}&query=${query}`);
  latencies.push(performance.now() - t0);
}
latencies.sort((a, b) => a - b);

// the ceiling: raw COPY of the same rows into a table of the same shape, in the same database, in the text (CSV)
// format a person would use and in the binary format the sync itself sends; the faster of the two is the ceiling
let copySeconds;
let copyCsvSeconds;
let copyBinarySeconds;
const copyPostgresCpu = {};
if (dbPort) {
  const psql = (sql) => execFileSync("psql", ["-h", "127.0.0.1", "-p", dbPort, "-U", "postgres", "-d", "postgres",
    "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], { encoding: "utf8", env: { ...process.env, PGPASSWORD: process.env.BENCH_DB_PASSWORD ?? "" } });
  const timedCopy = (format) => {
    const file = path.join(os.tmpdir(), `bridgekeeper-copy-${process.pid}.${format}`);
    const options = format === "csv" ? "csv" : "(format binary)";
    try {
      psql(`\\copy (select * from record where connection_id = '${connection.id}') to '${file}' ${options}`);
      psql("drop table if exists bench_copy; create table bench_copy (like record including all)");
      psql("checkpoint");
      const cpu0 = postgresCpuSeconds();
      const t0 = performance.now();
      psql(`\\copy bench_copy from '${file}' ${options}`);
      const seconds = (performance.now() - t0) / 1000;
      copyPostgresCpu[format] = Number((postgresCpuSeconds() - cpu0).toFixed(1));
      return seconds;
    } finally {
      psql("drop table if exists bench_copy");
      fs.rmSync(file, { force: true });
    }
  };
  copyCsvSeconds = timedCopy("csv");
  copyBinarySeconds = timedCopy("binary");
  copySeconds = Math.min(copyCsvSeconds, copyBinarySeconds);
}

const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, os: `${os.type()} ${os.release()}` },
  warmupUser,
  records,
  syncSeconds,
  recordsPerSecond: Math.round(records / syncSeconds),
  linkToCompleteSeconds,
  syncCpu,
  peakRssMiB: peakRssKb ? Math.round(peakRssKb / 1024) : undefined,
  copySeconds,
  copyCsvSeconds,
  copyBinarySeconds,
  copyPostgresCpuSeconds: copyPostgresCpu,
  copyRecordsPerSecond: copySeconds ? Math.round(records / copySeconds) : undefined,
  syncShareOfCopy: copySeconds ? Number((copySeconds / syncSeconds).toFixed(3)) : undefined,
  pageRead: { query: decodeURIComponent(query), matching, reads: latencies.length,
    firstReadMs: Number(firstReadMs.toFixed(2)),
    p50ms: Number(percentile(latencies, 50)?.toFixed(2)), p90ms: Number(percentile(latencies, 90)?.toFixed(2)),
    p99ms: Number(percentile(latencies, 99)?.toFixed(2)), maxMs: Number(latencies.at(-1)?.toFixed(2)) },
  invoices: invoiceResult,
  goals: { recordsPerSecond: 50_000, shareOfCopy: 0.3, peakRssMiB: 1024, pageReadP99ms: 30 },
};
console.table({
  records: result.records, "sync s": result.syncSeconds, "records/s": result.recordsPerSecond,
  "server CPU s": syncCpu.serverSeconds, "PostgreSQL CPU s": syncCpu.postgresSeconds, "link to complete s": linkToCompleteSeconds,
  "peak RSS MiB": result.peakRssMiB, "COPY csv s": result.copyCsvSeconds,
  "COPY binary s": result.copyBinarySeconds,
  "COPY binary PostgreSQL CPU s": copyPostgresCpu.binary, "share of COPY": result.syncShareOfCopy,
  "first query read ms": result.pageRead.firstReadMs, "page p50 ms": result.pageRead.p50ms,
  "page p90 ms": result.pageRead.p90ms, "page p99 ms": result.pageRead.p99ms, "page max ms": result.pageRead.maxMs,
  "invoices": invoiceResult?.records, "invoices s": invoiceResult?.syncSeconds,
  "invoices/s": invoiceResult?.recordsPerSecond,
});
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
fs.mkdirSync(dir, { recursive: true });
const out = path.join(dir, `sync-first-${result.date.replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`written ${out}`);
