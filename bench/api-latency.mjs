#!/usr/bin/env node
// Bridgekeeper API latency benchmark (loopback only, bounded).
//
// Measures, against a locally running Bridgekeeper:
//   1. seed      - makes sure at least --seed-companies companies exist
//   2. create    - POST /companies at a fixed open-loop rate (p50/p90/p99/p99.9/max)
//   3. list      - GET /companies?page=K&pageSize=100 at the same fixed rate
//   4. ceiling   - closed-loop max throughput of a trivial endpoint (req/s)
//
// Open-loop phases schedule request i at t0 + i/rate whatever the server does,
// so a slow server cannot slow the client down ("coordinated omission").
// Latency is taken from the *scheduled* time; service time from the moment the
// request was actually handed to the socket layer. Both are reported.
//
// No npm dependencies; Node 20+. Run with --help for options.

import http from 'node:http';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import dns from 'node:dns';
import net from 'node:net';
import { setMaxListeners } from 'node:events';
import { fileURLToPath } from 'node:url';

const SCRIPT_VERSION = 1;
const P99_GOAL_MS = 25;
const DEFAULT_TRIVIAL_PATH = '/actuator/health/liveness';

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const OPTIONS = {
  'base-url': { kind: 'string', def: 'http://127.0.0.1:8080', help: 'Bridgekeeper base URL; host must be 127.0.0.1, localhost or [::1]' },
  'api-key': { kind: 'string', def: undefined, help: 'API key (required); sent as Authorization: Basic base64(key)', secret: true },
  rate: { kind: 'number', def: 200, min: 1, max: 2000, help: 'fixed request rate of the open-loop phases, req/s' },
  duration: { kind: 'number', def: 30, min: 1, max: 300, help: 'measured seconds per open-loop phase' },
  warmup: { kind: 'number', def: 5, min: 0, max: 60, help: 'unrecorded warm-up seconds before each open-loop phase' },
  'seed-companies': { kind: 'int', def: 10000, min: 0, max: 100000, help: 'ensure at least this many companies exist' },
  'seed-concurrency': { kind: 'int', def: 16, min: 1, max: 64, help: 'parallel POSTs while seeding' },
  'seed-timeout': { kind: 'number', def: 600, min: 1, max: 3600, help: 'give up seeding after this many seconds' },
  'concurrency-cap': { kind: 'int', def: 64, min: 1, max: 512, help: 'max requests in flight (open loop: excess waits client-side, and that wait counts as latency)' },
  'ceiling-duration': { kind: 'number', def: 10, min: 1, max: 300, help: 'measured seconds of the closed-loop ceiling phase' },
  'trivial-path': { kind: 'string', def: DEFAULT_TRIVIAL_PATH, help: 'trivial endpoint for the ceiling phase' },
  'page-size': { kind: 'int', def: 100, min: 1, max: 5000, help: 'pageSize of the list phase' },
  pages: { kind: 'int', def: 100, min: 1, max: 10000, help: 'list phase picks page K uniformly from 1..pages' },
  'request-timeout': { kind: 'number', def: 10, min: 0.1, max: 60, help: 'per-request timeout, seconds' },
  'random-seed': { kind: 'int', def: 20240601, min: 0, max: 2 ** 32 - 1, help: 'seed of the page-number generator' },
  phases: { kind: 'string', def: 'seed,create,list,ceiling', help: 'comma-separated subset of seed,create,list,ceiling' },
  out: { kind: 'string', def: undefined, help: 'JSON result file (default bench/results/api-latency-<timestamp>.json)' },
};

function usage() {
  const lines = [
    'Usage: node bench/api-latency.mjs --api-key KEY [options]',
    '',
    'Every option can also be given as an environment variable BENCH_<NAME>',
    '(e.g. BENCH_RATE=100); the API key is also read from BRIDGEKEEPER_API_KEY.',
    '',
  ];
  for (const [name, o] of Object.entries(OPTIONS)) {
    const def = o.def === undefined ? '' : ` (default ${o.def})`;
    lines.push(`  --${name.padEnd(18)} ${o.help}${def}`);
  }
  lines.push('  --help               show this text');
  return lines.join('\n');
}

class UsageError extends Error {}
class SetupError extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

function parseOptions(argv, env) {
  const raw = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument: ${arg}`);
    let name = arg.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (!(name in OPTIONS)) throw new UsageError(`unknown option --${name}`);
    raw[name] = value;
  }
  const opts = {};
  for (const [name, o] of Object.entries(OPTIONS)) {
    let value = raw[name];
    if (value === undefined) value = env['BENCH_' + name.toUpperCase().replace(/-/g, '_')];
    if (value === undefined && name === 'api-key') value = env.BRIDGEKEEPER_API_KEY;
    if (value === undefined) {
      opts[name] = o.def;
      continue;
    }
    if (o.kind === 'string') {
      opts[name] = String(value);
      continue;
    }
    const n = Number(value);
    if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
    if (o.kind === 'int' && !Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${value}"`);
    if (n < o.min || n > o.max) throw new UsageError(`--${name} must be between ${o.min} and ${o.max}, got ${n}`);
    opts[name] = n;
  }
  if (!opts['api-key']) throw new UsageError('--api-key is required (or set BENCH_API_KEY)');
  const phases = opts.phases.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of phases) {
    if (!['seed', 'create', 'list', 'ceiling'].includes(p)) throw new UsageError(`unknown phase "${p}"`);
  }
  opts.phaseSet = new Set(phases);
  if (!opts['trivial-path'].startsWith('/')) throw new UsageError('--trivial-path must start with /');
  return opts;
}

// ---------------------------------------------------------------------------
// Loopback-only target
// ---------------------------------------------------------------------------

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackAddress(addr) {
  if (net.isIPv4(addr)) return addr.startsWith('127.');
  const a = addr.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  if (a.startsWith('::ffff:')) return isLoopbackAddress(a.slice(7));
  return false;
}

function parseTarget(baseUrl) {
  let u;
  try {
    u = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url is not a URL: ${baseUrl}`);
  }
  if (u.protocol !== 'http:') throw new UsageError(`--base-url must be http:// (got ${u.protocol})`);
  const host = u.hostname.toLowerCase();
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new UsageError(`refusing --base-url host "${u.hostname}": this benchmark only targets 127.0.0.1, localhost or [::1]`);
  }
  if (u.search || u.hash) throw new UsageError('--base-url must not contain a query or fragment');
  return {
    hostname: host === '[::1]' ? '::1' : host,
    port: u.port ? Number(u.port) : 80,
    basePath: u.pathname.replace(/\/+$/, ''),
    display: `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`,
  };
}

// Used when the host is a name ("localhost"): refuse to connect if it resolves
// to anything that is not a loopback address.
function loopbackLookup(hostname, options, callback) {
  dns.lookup(hostname, options, (err, address, family) => {
    if (err) return callback(err);
    const list = Array.isArray(address) ? address : [{ address, family }];
    const bad = list.find((a) => !isLoopbackAddress(a.address));
    if (bad) return callback(new Error(`refusing to connect: ${hostname} resolved to non-loopback ${bad.address}`));
    return callback(null, address, family);
  });
}

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

const nowNs = () => Number(process.hrtime.bigint());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function makeAgent(maxSockets) {
  return new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets, maxFreeSockets: maxSockets, scheduling: 'fifo' });
}

const ERROR_BODY_LIMIT = 2048;

// Sends one request. Never rejects: resolves with
// { status, body, bytes, error, sendNs, endNs }.
function send(ctx, agent, { method, urlPath, body, auth = true, keepBody = false, signal }) {
  return new Promise((resolve) => {
    const headers = { Accept: 'application/json' };
    if (auth) headers.Authorization = ctx.authHeader;
    let payload;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const sendNs = nowNs();
    let settled = false;
    let status = 0;
    let bytes = 0;
    const chunks = [];
    let kept = 0;
    let timer = null;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const endNs = nowNs();
      const text = chunks.length ? Buffer.concat(chunks).toString('utf8') : '';
      resolve({ status, body: text, bytes, error, sendNs, endNs });
    };
    let req;
    try {
      req = http.request({
        agent,
        hostname: ctx.target.hostname,
        port: ctx.target.port,
        lookup: loopbackLookup,
        method,
        path: ctx.target.basePath + urlPath,
        headers,
        signal,
      });
    } catch (e) {
      finish(e.code || e.message);
      return;
    }
    timer = setTimeout(() => req.destroy(new Error('timeout')), ctx.requestTimeoutMs);
    req.on('error', (e) => finish(e.name === 'AbortError' ? 'aborted' : e.message === 'timeout' ? 'timeout' : e.code || e.message));
    req.on('response', (res) => {
      status = res.statusCode;
      const wantBody = keepBody || status < 200 || status >= 300;
      res.on('data', (c) => {
        bytes += c.length;
        if (wantBody && (keepBody || kept < ERROR_BODY_LIMIT)) {
          chunks.push(c);
          kept += c.length;
        }
      });
      res.on('end', () => finish(undefined));
      res.on('aborted', () => finish('response aborted'));
      res.on('error', (e) => finish(e.code || e.message));
    });
    req.end(payload);
  });
}

const isOk = (r) => !r.error && r.status >= 200 && r.status < 300;

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

function summarize(values) {
  const n = values.length;
  if (n === 0) return { count: 0, p50: null, p90: null, p99: null, p999: null, max: null, min: null, mean: null };
  const sorted = Float64Array.from(values).sort();
  // nearest-rank percentile over the full sorted sample
  const pct = (p) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const r3 = (x) => Math.round(x * 1000) / 1000;
  return { count: n, min: r3(sorted[0]), mean: r3(sum / n), p50: r3(pct(50)), p90: r3(pct(90)), p99: r3(pct(99)), p999: r3(pct(99.9)), max: r3(sorted[n - 1]) };
}

class PhaseStats {
  constructor() {
    this.sent = 0; // handed to the socket layer
    this.completed = 0; // a full HTTP response came back (any status)
    this.ok = 0; // 2xx
    this.errors = 0; // non-2xx, network errors, timeouts, never sent
    this.notSent = 0;
    this.latencyMs = []; // from scheduled time, 2xx only
    this.serviceMs = []; // from actual send, 2xx only
    this.sendLagMs = []; // actual send - scheduled
    this.allLatencyMs = []; // from scheduled time, every sent request incl. errors/timeouts (time to failure)
    this.firstSendNs = null;
    this.lastSendNs = null;
    this.lastEndNs = null;
    this.errorKinds = new Map();
  }

  noteError(key, sample) {
    this.errors++;
    const e = this.errorKinds.get(key);
    if (e) e.count++;
    else if (this.errorKinds.size < 20) this.errorKinds.set(key, { count: 1, sample });
    else {
      const other = this.errorKinds.get('(other)') || { count: 0, sample: '' };
      other.count++;
      this.errorKinds.set('(other)', other);
    }
  }

  record(scheduledNs, r) {
    this.sent++;
    if (this.firstSendNs === null || r.sendNs < this.firstSendNs) this.firstSendNs = r.sendNs;
    if (this.lastSendNs === null || r.sendNs > this.lastSendNs) this.lastSendNs = r.sendNs;
    if (this.lastEndNs === null || r.endNs > this.lastEndNs) this.lastEndNs = r.endNs;
    this.sendLagMs.push((r.sendNs - scheduledNs) / 1e6);
    this.allLatencyMs.push((r.endNs - scheduledNs) / 1e6);
    if (r.error) {
      this.noteError(`network: ${r.error}`, '');
      return;
    }
    this.completed++;
    if (r.status >= 200 && r.status < 300) {
      this.ok++;
      this.latencyMs.push((r.endNs - scheduledNs) / 1e6);
      this.serviceMs.push((r.endNs - r.sendNs) / 1e6);
    } else {
      this.noteError(`HTTP ${r.status}`, r.body.slice(0, 300));
    }
  }

  recordNotSent(reason) {
    this.notSent++;
    this.noteError(`not sent: ${reason}`, '');
  }

  errorList() {
    return [...this.errorKinds.entries()].sort((a, b) => b[1].count - a[1].count).map(([kind, v]) => ({ kind, count: v.count, sample: v.sample }));
  }

  sendRate() {
    if (this.sent < 2) return null;
    return (this.sent - 1) / ((this.lastSendNs - this.firstSendNs) / 1e9);
  }
}

// ---------------------------------------------------------------------------
// Output helpers
// ---------------------------------------------------------------------------

const log = (...a) => console.log(...a);
const fmt = (x, d = 2) => (x === null || x === undefined ? '-' : x.toFixed(d));
const fmtSigned = (x, d = 2) => {
  if (x === null || x === undefined) return '-';
  const t = Math.abs(x).toFixed(d);
  return (x < 0 && Number(t) !== 0 ? '-' : '+') + t;
};
const pad6 = (n) => String(n).padStart(6, '0');

function printErrors(name, stats) {
  const list = stats.errorList();
  if (!list.length) return;
  log(`  ${name}: ${stats.errors} error(s); most frequent:`);
  for (const e of list.slice(0, 5)) {
    log(`    ${String(e.count).padStart(7)} x ${e.kind}${e.sample ? '  ' + JSON.stringify(e.sample.slice(0, 200)) : ''}`);
  }
}

// ---------------------------------------------------------------------------
// Phase: seed
// ---------------------------------------------------------------------------

async function readTotal(ctx, agent) {
  const r = await send(ctx, agent, { method: 'GET', urlPath: '/companies?page=1&pageSize=1', keepBody: true, signal: ctx.abort.signal });
  if (r.error) throw new SetupError(`cannot reach Bridgekeeper at ${ctx.target.display}: ${r.error}`);
  if (r.status === 401 || r.status === 403) throw new SetupError(`API key rejected (HTTP ${r.status}) by ${ctx.target.display}: ${r.body.slice(0, 300)}`, 3);
  if (r.status !== 200) throw new SetupError(`GET /companies returned HTTP ${r.status}: ${r.body.slice(0, 300)}`);
  let json;
  try {
    json = JSON.parse(r.body);
  } catch {
    throw new SetupError(`GET /companies did not return JSON: ${r.body.slice(0, 200)}`);
  }
  if (typeof json.totalResults !== 'number') throw new SetupError(`GET /companies response has no numeric totalResults: ${r.body.slice(0, 200)}`);
  return json.totalResults;
}

async function seedPhase(ctx, target) {
  const agent = makeAgent(ctx.opts['seed-concurrency']);
  try {
    const before = await readTotal(ctx, agent);
    const missing = Math.max(0, target - before);
    log(`seed: ${before} companies present, target ${target}, creating ${missing}`);
    const stats = new PhaseStats();
    const startNs = nowNs();
    if (missing > 0) {
      const deadlineNs = startNs + ctx.opts['seed-timeout'] * 1e9;
      const maxErrors = Math.max(20, Math.ceil(missing * 0.01));
      let next = 0;
      let done = 0;
      let stop = null;
      let lastReportNs = startNs;
      let lastReportedDecile = 0;
      const worker = async () => {
        while (next < missing && !stop) {
          if (ctx.abort.signal.aborted) {
            stop = 'interrupted';
            break;
          }
          if (nowNs() > deadlineNs) {
            stop = `seed timeout (${ctx.opts['seed-timeout']} s)`;
            break;
          }
          const i = next++;
          const name = `Bench Co ${pad6(before + i + 1)}`;
          const r = await send(ctx, agent, { method: 'POST', urlPath: '/companies', body: { name }, signal: ctx.abort.signal });
          stats.record(r.sendNs, r);
          done++;
          if (r.status === 401 || r.status === 403) stop = `API key rejected on POST /companies (HTTP ${r.status})`;
          else if (stats.errors >= maxErrors) stop = `too many errors while seeding (${stats.errors})`;
          const t = nowNs();
          const decile = Math.floor((done * 10) / missing);
          if (decile > lastReportedDecile || t - lastReportNs > 5e9) {
            lastReportedDecile = decile;
            lastReportNs = t;
            const rate = done / ((t - startNs) / 1e9);
            log(`seed: ${done}/${missing} (${Math.floor((done * 100) / missing)}%), ${stats.errors} errors, ${rate.toFixed(0)} creates/s`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(ctx.opts['seed-concurrency'], missing) }, worker));
      printErrors('seed', stats);
      if (stop) throw new SetupError(`seeding stopped: ${stop}`, stop === 'interrupted' ? 130 : 4);
    }
    const after = await readTotal(ctx, agent);
    const seconds = (nowNs() - startNs) / 1e9;
    log(`seed: done, ${after} companies present (${seconds.toFixed(1)} s)`);
    if (after < target) throw new SetupError(`after seeding only ${after} companies are reported (wanted ${target})`, 4);
    return { before, created: stats.ok, after, errors: stats.errors, seconds: round(seconds, 3), serviceMs: summarize(stats.serviceMs) };
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------
// Phase: open-loop fixed rate
// ---------------------------------------------------------------------------

// Request i is due at t0 + i/rate. Due requests are sent immediately if fewer
// than `cap` are in flight; otherwise they wait in a FIFO backlog and go out as
// soon as a slot frees up. Either way latency is measured from the due time.
function openLoop(ctx, { name, makeRequest, onResponse }) {
  const { rate, warmup, duration } = ctx.opts;
  const cap = ctx.opts['concurrency-cap'];
  const intervalNs = 1e9 / rate;
  const warmN = Math.round(rate * warmup);
  const measN = Math.round(rate * duration);
  const total = warmN + measN;
  const drainMs = ctx.requestTimeoutMs + 5000;
  const agent = makeAgent(cap);
  const phaseAbort = new AbortController();
  setMaxListeners(0, phaseAbort.signal); // every in-flight request listens on it
  const onGlobalAbort = () => phaseAbort.abort();
  ctx.abort.signal.addEventListener('abort', onGlobalAbort);

  const warm = new PhaseStats();
  const meas = new PhaseStats();
  const statsFor = (i) => (i < warmN ? warm : meas);

  log(`${name}: ${warmup} s warm-up + ${duration} s measured at ${rate} req/s (${total} requests, cap ${cap} in flight)`);

  return new Promise((resolve) => {
    const t0 = nowNs() + 20e6;
    let next = 0; // next index to schedule
    let inFlight = 0;
    let settled = 0; // requests that finished (or were dropped)
    let maxInFlight = 0;
    const backlog = [];
    let backlogHead = 0;
    let maxBacklog = 0;
    let fromBacklog = 0;
    let timer = null;
    let drainTimer = null;
    let progressTimer = null;
    let finished = false;
    let stopReason = null;
    const clearTick = () => {
      if (timer && timer.t) clearTimeout(timer.t);
      if (timer && timer.i) clearImmediate(timer.i);
      timer = null;
    };

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTick();
      clearTimeout(drainTimer);
      clearInterval(progressTimer);
      ctx.abort.signal.removeEventListener('abort', onGlobalAbort);
      agent.destroy();
      resolve({ warm, meas, t0, warmN, measN, intervalNs, maxInFlight, maxBacklog, fromBacklog, stopReason });
    };

    const maybeFinish = () => {
      if (next >= total && settled >= total) finish();
    };

    const dispatch = (i) => {
      inFlight++;
      if (inFlight > maxInFlight) maxInFlight = inFlight;
      const scheduledNs = t0 + i * intervalNs;
      const req = makeRequest(i);
      send(ctx, agent, { ...req, signal: phaseAbort.signal }).then((r) => {
        inFlight--;
        settled++;
        statsFor(i).record(scheduledNs, r);
        if (onResponse && i >= warmN && isOk(r)) onResponse(r, i);
        if (backlogHead < backlog.length && !phaseAbort.signal.aborted) {
          fromBacklog++;
          dispatch(backlog[backlogHead++]);
        }
        maybeFinish();
      });
    };

    const dropBacklog = (reason) => {
      while (backlogHead < backlog.length) {
        statsFor(backlog[backlogHead++]).recordNotSent(reason);
        settled++;
      }
    };

    const stop = (reason) => {
      if (stopReason) return;
      stopReason = reason;
      clearTick();
      for (; next < total; next++) {
        statsFor(next).recordNotSent(reason);
        settled++;
      }
      dropBacklog(reason);
      phaseAbort.abort(); // in-flight requests resolve with "aborted"
      maybeFinish();
    };

    phaseAbort.signal.addEventListener('abort', () => {
      if (!stopReason) stop(ctx.abort.signal.aborted ? 'interrupted' : 'aborted');
    });

    const tick = () => {
      timer = null;
      const now = nowNs();
      while (next < total && t0 + next * intervalNs <= now) {
        const i = next++;
        if (inFlight < cap) dispatch(i);
        else {
          backlog.push(i);
          const depth = backlog.length - backlogHead;
          if (depth > maxBacklog) maxBacklog = depth;
        }
      }
      if (next < total) {
        // Sleep with a timer until ~1 ms before the next due time, then yield
        // with setImmediate so the send happens close to the exact instant.
        const waitMs = (t0 + next * intervalNs - nowNs()) / 1e6;
        timer = waitMs > 1.5 ? { t: setTimeout(tick, Math.floor(waitMs - 1)) } : { i: setImmediate(tick) };
      } else {
        // everything scheduled; allow a bounded time for stragglers
        drainTimer = setTimeout(() => stop(`phase drain timeout (${drainMs} ms)`), drainMs);
        maybeFinish();
      }
    };

    const phaseEndNs = t0 + total * intervalNs;
    progressTimer = setInterval(() => {
      const t = nowNs();
      const elapsed = (t - t0) / 1e9;
      const left = Math.max(0, (phaseEndNs - t) / 1e9);
      const tag = next <= warmN ? 'warm-up' : 'measuring';
      log(`${name}: ${tag} t=${elapsed.toFixed(0)} s, ${left.toFixed(0)} s left, in flight ${inFlight}, backlog ${backlog.length - backlogHead}, errors ${warm.errors + meas.errors}`);
    }, 5000);

    timer = { t: setTimeout(tick, 10) };
  });
}

function openLoopResult(ctx, name, run, extra = {}) {
  const { meas, warm, t0, warmN, intervalNs } = run;
  const measStartNs = t0 + warmN * intervalNs;
  const sendRate = meas.sendRate();
  const completionRate = meas.lastEndNs ? meas.completed / ((meas.lastEndNs - measStartNs) / 1e9) : null;
  return {
    name,
    mode: 'open-loop',
    targetRate: ctx.opts.rate,
    warmupSeconds: ctx.opts.warmup,
    durationSeconds: ctx.opts.duration,
    scheduled: run.measN,
    sent: meas.sent,
    completed: meas.completed,
    ok: meas.ok,
    errors: meas.errors,
    notSent: meas.notSent,
    achievedSendRate: round(sendRate, 2),
    achievedSendRateDeviationPct: sendRate === null ? null : round(((sendRate - ctx.opts.rate) / ctx.opts.rate) * 100, 3),
    completionRate: round(completionRate, 2),
    latencyMs: summarize(meas.latencyMs),
    serviceTimeMs: summarize(meas.serviceMs),
    latencyAllRequestsMs: summarize(meas.allLatencyMs),
    sendLagMs: summarize(meas.sendLagMs),
    maxInFlight: run.maxInFlight,
    maxClientBacklog: run.maxBacklog,
    sentFromClientBacklog: run.fromBacklog,
    stopReason: run.stopReason,
    errorKinds: meas.errorList().slice(0, 10),
    warmup: { sent: warm.sent, ok: warm.ok, errors: warm.errors, latencyMs: summarize(warm.latencyMs) },
    ...extra,
  };
}

async function createPhase(ctx) {
  const runTag = Date.now().toString(36).toUpperCase();
  const run = await openLoop(ctx, {
    name: 'create-company',
    makeRequest: (i) => ({ method: 'POST', urlPath: '/companies', body: { name: `Bench Load ${runTag} ${pad6(i + 1)}` } }),
  });
  printErrors('create-company', run.meas);
  return openLoopResult(ctx, 'create-company', run, { nameTag: runTag });
}

// Small deterministic PRNG so page sequences are reproducible run to run.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function listPhase(ctx) {
  const pageSize = ctx.opts['page-size'];
  const pages = ctx.opts.pages;
  const rand = mulberry32(ctx.opts['random-seed']);
  const pageOf = [];
  let shortPages = 0;
  let badBodies = 0;
  const agent = makeAgent(1);
  let total = null;
  try {
    total = await readTotal(ctx, agent);
  } finally {
    agent.destroy();
  }
  if (total < pageSize * pages) log(`list-companies: warning: only ${total} companies, pages near ${pages} will be short or empty`);
  const run = await openLoop(ctx, {
    name: 'list-companies',
    makeRequest: (i) => {
      const page = 1 + Math.floor(rand() * pages);
      pageOf[i] = page;
      return { method: 'GET', urlPath: `/companies?page=${page}&pageSize=${pageSize}`, keepBody: true };
    },
    onResponse: (r) => {
      // parsed after the timestamp was taken, so it does not count as latency
      try {
        const json = JSON.parse(r.body);
        if (!Array.isArray(json.results)) badBodies++;
        else if (json.results.length < pageSize) shortPages++;
      } catch {
        badBodies++;
      }
    },
  });
  printErrors('list-companies', run.meas);
  if (shortPages) log(`list-companies: note: ${shortPages} responses had fewer than ${pageSize} results`);
  if (badBodies) log(`list-companies: warning: ${badBodies} 2xx responses lacked a results array`);
  return openLoopResult(ctx, 'list-companies', run, { pageSize, pages, totalResultsAtStart: total, shortPages, badBodies });
}

// ---------------------------------------------------------------------------
// Phase: ceiling (closed loop)
// ---------------------------------------------------------------------------

// Picks the trivial endpoint and whether it needs auth. Falls back from the
// default liveness group to /actuator/health if probes are not exposed.
async function probeTrivial(ctx) {
  const agent = makeAgent(1);
  try {
    const candidates = [ctx.opts['trivial-path']];
    if (ctx.opts['trivial-path'] === DEFAULT_TRIVIAL_PATH) candidates.push('/actuator/health');
    const tried = [];
    for (const urlPath of candidates) {
      for (const auth of [false, true]) {
        const r = await send(ctx, agent, { method: 'GET', urlPath, auth, signal: ctx.abort.signal });
        if (r.error) throw new SetupError(`cannot reach Bridgekeeper at ${ctx.target.display}: ${r.error}`);
        tried.push(`${urlPath}${auth ? ' (auth)' : ''} -> ${r.status}`);
        if (isOk(r)) return { path: urlPath, auth, tried };
        if (r.status !== 401 && r.status !== 403) break; // auth won't help
      }
    }
    return { path: null, auth: false, tried };
  } finally {
    agent.destroy();
  }
}

async function ceilingPhase(ctx, trivial) {
  const cap = ctx.opts['concurrency-cap'];
  const measureS = ctx.opts['ceiling-duration'];
  const warmS = Math.min(2, ctx.opts.warmup);
  const agent = makeAgent(cap);
  const maxRequests = 50_000_000; // hard count bound on top of the time bound
  log(`ceiling: GET ${trivial.path}${trivial.auth ? ' (with auth)' : ''}, closed loop, ${cap} in flight, ${warmS} s warm-up + ${measureS} s`);
  const runFor = async (seconds, stats) => {
    const endNs = nowNs() + seconds * 1e9;
    let issued = 0;
    const worker = async () => {
      while (nowNs() < endNs && issued < maxRequests && !ctx.abort.signal.aborted) {
        issued++;
        const r = await send(ctx, agent, { method: 'GET', urlPath: trivial.path, auth: trivial.auth, signal: ctx.abort.signal });
        if (stats) stats.record(r.sendNs, r);
      }
    };
    const startNs = nowNs();
    await Promise.all(Array.from({ length: cap }, worker));
    return (nowNs() - startNs) / 1e9;
  };
  try {
    if (warmS > 0) await runFor(warmS, null);
    const stats = new PhaseStats();
    const cpu0 = process.cpuUsage();
    const elapsed = await runFor(measureS, stats);
    const cpu = process.cpuUsage(cpu0);
    printErrors('ceiling', stats);
    const clientCpuPct = ((cpu.user + cpu.system) / 1e6 / elapsed) * 100;
    return {
      name: 'ceiling',
      mode: 'closed-loop',
      path: trivial.path,
      auth: trivial.auth,
      concurrency: cap,
      durationSeconds: round(elapsed, 3),
      sent: stats.sent,
      completed: stats.completed,
      ok: stats.ok,
      errors: stats.errors,
      throughput: round(stats.ok / elapsed, 1),
      serviceTimeMs: summarize(stats.serviceMs),
      clientCpuPctOfOneCore: round(clientCpuPct, 1),
      errorKinds: stats.errorList().slice(0, 10),
    };
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

function round(x, d) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function printTable(result) {
  const rows = [];
  const head = ['phase', 'measure', 'sent', 'done', 'errors', 'rate/s', 'p50', 'p90', 'p99', 'p99.9', 'max'];
  for (const key of ['create', 'list']) {
    const p = result.phases[key];
    if (!p) continue;
    const base = [p.name, '', String(p.sent), String(p.completed), String(p.errors), fmt(p.achievedSendRate, 1)];
    const lat = p.latencyMs;
    const svc = p.serviceTimeMs;
    rows.push([p.name, 'latency', base[2], base[3], base[4], base[5], fmt(lat.p50), fmt(lat.p90), fmt(lat.p99), fmt(lat.p999), fmt(lat.max)]);
    rows.push(['', 'service', '', '', '', '', fmt(svc.p50), fmt(svc.p90), fmt(svc.p99), fmt(svc.p999), fmt(svc.max)]);
  }
  const c = result.phases.ceiling;
  if (c && c.path) {
    const s = c.serviceTimeMs;
    rows.push(['ceiling', 'service', String(c.sent), String(c.completed), String(c.errors), fmt(c.throughput, 1), fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.p999), fmt(s.max)]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  log('');
  log(`Bridgekeeper API latency  (${result.target}, ${result.config.rate} req/s open loop; times in ms)`);
  log(line(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) log(line(r));
  log('');
  log('latency = response end - scheduled send time (includes client-side queueing); service = response end - actual send.');
  for (const key of ['create', 'list']) {
    const p = result.phases[key];
    if (!p) continue;
    if (p.errors) {
      const a = p.latencyAllRequestsMs;
      log(`${p.name}: ${p.errors} errors are left out of the table; over every sent request (errors timed to failure) p50 ${fmt(a.p50)} p99 ${fmt(a.p99)} max ${fmt(a.max)} ms`);
    }
    log(`${p.name}: send rate ${fmt(p.achievedSendRate, 2)}/s (${fmtSigned(p.achievedSendRateDeviationPct, 2)}% vs target), send lag p99 ${fmt(p.sendLagMs.p99)} ms, max in flight ${p.maxInFlight}, max client backlog ${p.maxClientBacklog}`);
  }
  if (c) {
    if (c.path) log(`ceiling: ${fmt(c.throughput, 1)} req/s on GET ${c.path} with ${c.concurrency} in flight (client CPU ${fmt(c.clientCpuPctOfOneCore, 0)}% of one core${c.clientCpuPctOfOneCore > 85 ? ' - client-bound, real ceiling is higher' : ''})`);
    else log(`ceiling: skipped, no trivial endpoint answered 2xx (${c.tried.join(', ')})`);
  }
  const g = result.goals;
  if (result.interrupted) log('\nINTERRUPTED: partial results; the goal verdicts below are not meaningful.');
  if (g.length) {
    log('');
    for (const x of g) {
      const why = x.met ? '' : x.errors ? ` (${x.errors} errors)` : '';
      log(`goal ${x.phase} p99 < ${x.limitMs} ms (no errors): ${x.p99Ms === null ? 'no data' : x.p99Ms.toFixed(2) + ' ms'} -> ${x.met ? 'MET' : 'MISSED'}${why}`);
    }
  }
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus.length ? cpus[0].model.trim() : 'unknown',
    cpuCount: cpus.length,
    availableParallelism: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    totalMemoryBytes: os.totalmem(),
    totalMemoryGiB: round(os.totalmem() / 2 ** 30, 2),
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    nodeVersion: process.version,
  };
}

function writeResult(result, outOpt) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const file = outOpt ? path.resolve(outOpt) : path.join(here, 'results', `api-latency-${stamp}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  let opts;
  let target;
  try {
    opts = parseOptions(process.argv.slice(2), process.env);
    if (opts.help) {
      log(usage());
      return 0;
    }
    target = parseTarget(opts['base-url']);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message} (see --help)`);
      return 1;
    }
    throw e;
  }

  const ctx = {
    opts,
    target,
    authHeader: 'Basic ' + Buffer.from(opts['api-key'], 'utf8').toString('base64'),
    requestTimeoutMs: Math.round(opts['request-timeout'] * 1000),
    abort: new AbortController(),
  };
  setMaxListeners(0, ctx.abort.signal); // every in-flight request listens on it
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error('\ninterrupted: stopping (Ctrl-C again to quit at once)');
    ctx.abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const config = Object.fromEntries(Object.entries(opts).filter(([k]) => k !== 'phaseSet' && !OPTIONS[k]?.secret));
  config.phases = [...opts.phaseSet];
  const result = {
    benchmark: 'bridgekeeper-api-latency',
    version: SCRIPT_VERSION,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    target: target.display,
    config,
    machine: machineInfo(),
    phases: {},
    goals: [],
    interrupted: false,
  };

  log(`target ${target.display}; node ${process.version}; ${result.machine.cpuCount} x ${result.machine.cpuModel}`);

  let exitCode = 0;
  try {
    // Setup checks: reachable, key accepted, trivial endpoint found.
    const probeAgent = makeAgent(1);
    try {
      result.companiesAtStart = await readTotal(ctx, probeAgent);
    } finally {
      probeAgent.destroy();
    }
    let trivial = null;
    if (opts.phaseSet.has('ceiling')) {
      trivial = await probeTrivial(ctx);
      if (!trivial.path) log(`warning: no trivial endpoint answered 2xx (${trivial.tried.join(', ')}); ceiling phase will be skipped`);
      else if (trivial.path !== opts['trivial-path']) log(`note: ${opts['trivial-path']} not available, using ${trivial.path} for the ceiling`);
    }

    if (opts.phaseSet.has('seed')) result.phases.seed = await seedPhase(ctx, opts['seed-companies']);
    if (opts.phaseSet.has('create') && !ctx.abort.signal.aborted) result.phases.create = await createPhase(ctx);
    if (opts.phaseSet.has('list') && !ctx.abort.signal.aborted) result.phases.list = await listPhase(ctx);
    if (trivial && !ctx.abort.signal.aborted) {
      result.phases.ceiling = trivial.path ? await ceilingPhase(ctx, trivial) : { name: 'ceiling', path: null, tried: trivial.tried };
    }
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    console.error(`setup failure: ${e.message}`);
    result.setupError = e.message;
    exitCode = e.exitCode;
  }
  if (ctx.abort.signal.aborted) {
    result.interrupted = true;
    if (exitCode === 0) exitCode = 130;
  }

  for (const key of ['create', 'list']) {
    const p = result.phases[key];
    if (p) result.goals.push({ phase: p.name, metric: 'latencyMs.p99', limitMs: P99_GOAL_MS, p99Ms: p.latencyMs.p99, errors: p.errors, met: p.latencyMs.p99 !== null && p.latencyMs.p99 < P99_GOAL_MS && p.errors === 0 });
  }
  result.finishedAt = new Date().toISOString();
  if (!Object.keys(result.phases).length) return exitCode; // nothing measured, nothing to save
  printTable(result);
  const file = writeResult(result, opts.out);
  const rel = path.relative(process.cwd(), file);
  log(`\nresults written to ${rel && !rel.startsWith('..') ? rel : file}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(2);
  },
);
