#!/usr/bin/env node
// Bridgekeeper webhook delivery benchmark (loopback only, bounded).
//
// Runs a local receiver (node:http on 127.0.0.1, answers 200 at once), registers
// it as a webhook consumer for company.created, and then:
//   1. latency    - POST /companies at a fixed open-loop rate; for each delivery
//                   latency = arrival time at the receiver - the envelope's
//                   generatedDate (same machine, same clock)
//   2. throughput - creates a backlog of companies as fast as a bounded number
//                   of parallel POSTs allows, and counts deliveries/s at the
//                   receiver over the drain
// Duplicates (a webhook-id seen twice) and missing deliveries (created
// companies whose event never arrived within the straggler wait) are counted.
//
// The consumer is deleted at the end so the next run on the same database does
// not send to a receiver that is gone. With --compare FILE (the JSON of an
// earlier run, e.g. with one instance) the table shows both runs and the ratio.
//
// No npm dependencies; Node 20+. Run with --help for options.

import http from 'node:http';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_VERSION = 1;
const GOALS = { perInstanceDeliveriesPerSec: 1000, p99Ms: 500, p99AtRate: 500, twoInstanceRatio: 1.7 };

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const OPTIONS = {
  'base-url': { kind: 'string', def: 'http://127.0.0.1:8080', help: 'Bridgekeeper base URL(s), comma-separated (API load is spread round-robin); 127.0.0.1, localhost or [::1] only' },
  'api-key': { kind: 'string', def: undefined, help: 'API key (required); sent as Authorization: Basic base64(key)', secret: true },
  label: { kind: 'string', def: 'run', help: 'name of this run in the table and JSON (e.g. one-instance)' },
  instances: { kind: 'int', def: 1, min: 1, max: 16, help: 'number of dispatching instances behind this run (for per-instance figures)' },
  rate: { kind: 'number', def: 500, min: 1, max: 5000, help: 'company creations per second in the latency phase (open loop)' },
  duration: { kind: 'number', def: 20, min: 1, max: 300, help: 'seconds of the latency phase' },
  warmup: { kind: 'number', def: 10, min: 0, max: 60, help: 'unrecorded seconds at --rate before the latency phase (JIT, pools); its deliveries are awaited too' },
  'backlog-events': { kind: 'int', def: 20000, min: 100, max: 200000, help: 'companies created as fast as possible in the throughput phase' },
  'create-concurrency': { kind: 'int', def: 32, min: 1, max: 256, help: 'parallel POSTs in the throughput phase (and in-flight cap of the latency phase)' },
  'straggler-wait': { kind: 'number', def: 30, min: 1, max: 600, help: 'max seconds to wait for outstanding deliveries after a phase' },
  'create-timeout': { kind: 'number', def: 120, min: 1, max: 1800, help: 'give up creating the backlog after this many seconds' },
  'request-timeout': { kind: 'number', def: 10, min: 0.1, max: 60, help: 'per-request timeout, seconds' },
  'hold-seconds': { kind: 'number', def: 0, min: 0, max: 14, help: 'throughput phase: the receiver holds every answer while the backlog is created, for at most this many seconds (creating stops then; keep it under the 15 s send timeout), so the drain after it measures delivery alone, without creates competing for the cores (0: off)' },
  'receiver-delay-ms': { kind: 'number', def: 0, min: 0, max: 5000, help: 'the receiver answers each delivery after this many ms (0: at once); latency is still measured at arrival' },
  phases: { kind: 'string', def: 'latency,throughput', help: 'comma-separated subset of latency,throughput' },
  compare: { kind: 'string', def: undefined, help: 'JSON result of an earlier run to compare against (ratio of deliveries/s)' },
  out: { kind: 'string', def: undefined, help: 'JSON result file (default bench/results/webhook-throughput-<label>-<timestamp>.json)' },
};

function usage() {
  const lines = ['Usage: node bench/webhook-throughput.mjs --api-key KEY [options]', '', 'Every option can also be given as BENCH_<NAME> (e.g. BENCH_RATE=200).', ''];
  for (const [name, o] of Object.entries(OPTIONS)) lines.push(`  --${name.padEnd(20)} ${o.help}${o.def === undefined ? '' : ` (default ${o.def})`}`);
  lines.push('  --help                 show this text');
  return lines.join('\n');
}

class UsageError extends Error {}
class SetupError extends Error {}

function parseOptions(argv, env) {
  const raw = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument: ${arg}`);
    let name = arg.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) [name, value] = [name.slice(0, eq), name.slice(eq + 1)];
    else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (!(name in OPTIONS)) throw new UsageError(`unknown option --${name}`);
    raw[name] = value;
  }
  const opts = {};
  for (const [name, o] of Object.entries(OPTIONS)) {
    let value = raw[name] ?? env['BENCH_' + name.toUpperCase().replace(/-/g, '_')];
    if (value === undefined) {
      opts[name] = o.def;
      continue;
    }
    if (o.kind === 'string') {
      opts[name] = String(value);
      continue;
    }
    const n = Number(value);
    if (!Number.isFinite(n) || (o.kind === 'int' && !Number.isInteger(n))) throw new UsageError(`--${name} must be a${o.kind === 'int' ? 'n integer' : ' number'}, got "${value}"`);
    if (n < o.min || n > o.max) throw new UsageError(`--${name} must be between ${o.min} and ${o.max}, got ${n}`);
    opts[name] = n;
  }
  if (!opts['api-key']) throw new UsageError('--api-key is required (or set BENCH_API_KEY)');
  const phases = opts.phases.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of phases) if (!['latency', 'throughput'].includes(p)) throw new UsageError(`unknown phase "${p}"`);
  opts.phaseSet = new Set(phases);
  opts.targets = opts['base-url'].split(',').map((s) => parseTarget(s.trim()));
  return opts;
}

function parseTarget(baseUrl) {
  let u;
  try {
    u = new URL(baseUrl);
  } catch {
    throw new UsageError(`not a URL: ${baseUrl}`);
  }
  if (u.protocol !== 'http:') throw new UsageError(`--base-url must be http:// (got ${u.protocol})`);
  const host = u.hostname.toLowerCase();
  // Only literal loopback addresses, so no name resolution can send traffic elsewhere.
  const hostname = host === 'localhost' ? '127.0.0.1' : host === '[::1]' ? '::1' : host;
  if (!(/^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '::1')) throw new UsageError(`refusing host "${u.hostname}": only 127.0.0.1, localhost or [::1]`);
  return { hostname, port: u.port ? Number(u.port) : 80, basePath: u.pathname.replace(/\/+$/, ''), display: `http://${u.host}${u.pathname.replace(/\/+$/, '')}` };
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const log = (...a) => console.log(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Wall clock with sub-millisecond resolution, comparable with generatedDate.
const wallMs = () => performance.timeOrigin + performance.now();
const nowNs = () => Number(process.hrtime.bigint());
const round = (x, d) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const fmt = (x, d = 1) => (x === null || x === undefined ? '-' : x.toFixed(d));

function summarize(values) {
  const n = values.length;
  if (!n) return { count: 0, min: null, mean: null, p50: null, p90: null, p99: null, max: null };
  const s = Float64Array.from(values).sort();
  const pct = (p) => s[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
  let sum = 0;
  for (const v of s) sum += v;
  return { count: n, min: round(s[0], 2), mean: round(sum / n, 2), p50: round(pct(50), 2), p90: round(pct(90), 2), p99: round(pct(99), 2), max: round(s[n - 1], 2) };
}

function send(ctx, target, agent, method, urlPath, body) {
  return new Promise((resolve) => {
    const headers = { Accept: 'application/json', Authorization: ctx.authHeader };
    let payload;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    let done = false;
    const chunks = [];
    const finish = (status, error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ status, error, body: Buffer.concat(chunks).toString('utf8') });
    };
    const req = http.request({ agent, hostname: target.hostname, port: target.port, method, path: target.basePath + urlPath, headers });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), ctx.requestTimeoutMs);
    req.on('error', (e) => finish(0, e.message === 'timeout' ? 'timeout' : e.code || e.message));
    req.on('response', (res) => {
      res.on('data', (c) => chunks.length < 64 && chunks.push(c));
      res.on('end', () => finish(res.statusCode, undefined));
      res.on('error', (e) => finish(res.statusCode, e.code || e.message));
    });
    req.end(payload);
  });
}
const isOk = (r) => !r.error && r.status >= 200 && r.status < 300;

class Errors {
  constructor() {
    this.count = 0;
    this.kinds = new Map();
  }
  note(r) {
    this.count++;
    const key = r.error ? `network: ${r.error}` : `HTTP ${r.status}`;
    const k = this.kinds.get(key);
    if (k) k.count++;
    else if (this.kinds.size < 10) this.kinds.set(key, { count: 1, sample: r.body.slice(0, 200) });
  }
  list() {
    return [...this.kinds.entries()].map(([kind, v]) => ({ kind, ...v }));
  }
}

// ---------------------------------------------------------------------------
// Receiver
// ---------------------------------------------------------------------------

// Records every delivery; keyed by phase tag carried in the company name.
function startReceiver(receiverDelayMs = 0) {
  const rec = {
    total: 0,
    byId: new Map(), // webhook-id -> { arrivalMs, generatedMs, tag, count }
    duplicates: 0,
    bad: 0,
    otherEvents: 0,
    holding: false,
    held: [],
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const arrivalMs = wallMs();
      // answer first (after --receiver-delay-ms, like an endpoint that does some work; or, while the throughput
      // phase holds answers, when it releases them), bookkeeping after
      const answer = () => {
        res.writeHead(200, { 'Content-Length': 0 });
        res.end();
      };
      if (rec.holding) rec.held.push(answer);
      else if (receiverDelayMs > 0) setTimeout(answer, receiverDelayMs);
      else answer();
      rec.total++;
      const id = req.headers['webhook-id'];
      let env;
      try {
        env = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        rec.bad++;
        return;
      }
      if (!id || !env || typeof env.generatedDate !== 'string') {
        rec.bad++;
        return;
      }
      if (env.eventType !== 'company.created') {
        rec.otherEvents++;
        return;
      }
      const prev = rec.byId.get(id);
      if (prev) {
        prev.count++;
        rec.duplicates++;
        return;
      }
      const name = env.payload && typeof env.payload.name === 'string' ? env.payload.name : '';
      const m = /^WhBench (\S+) /.exec(name);
      rec.byId.set(id, { arrivalMs, generatedMs: Date.parse(env.generatedDate), tag: m ? m[1] : null, count: 1 });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, rec, port: server.address().port }));
  });
}

function deliveriesFor(rec, tag) {
  const out = [];
  let dupIds = 0;
  for (const d of rec.byId.values()) {
    if (d.tag !== tag) continue;
    out.push(d);
    if (d.count > 1) dupIds++;
  }
  return { list: out, dupIds, extraCopies: out.reduce((a, d) => a + d.count - 1, 0) };
}

async function waitForDeliveries(rec, tag, expected, maxSeconds) {
  const deadline = nowNs() + maxSeconds * 1e9;
  let seen = 0;
  while (nowNs() < deadline) {
    seen = 0;
    for (const d of rec.byId.values()) if (d.tag === tag) seen++;
    if (seen >= expected) return { seen, timedOut: false };
    await sleep(250);
  }
  return { seen, timedOut: true };
}

// ---------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------

const pad6 = (n) => String(n).padStart(6, '0');

// Open loop: creation i is due at t0 + i/rate. If create-concurrency requests are
// already in flight, due ones wait in a client queue (counted in send lag).
async function latencyPhase(ctx, rec, warm = false) {
  const rate = ctx.opts.rate;
  const duration = warm ? ctx.opts.warmup : ctx.opts.duration;
  const phase = warm ? 'warm-up' : 'latency';
  const cap = ctx.opts['create-concurrency'];
  const total = Math.round(rate * duration);
  const tag = `${warm ? 'W' : 'L'}${ctx.runTag}`;
  const intervalNs = 1e9 / rate;
  const errors = new Errors();
  let ok = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const queue = [];
  const lagMs = [];
  const agents = ctx.opts.targets.map(() => new http.Agent({ keepAlive: true, maxSockets: cap }));
  log(`${phase}: ${total} companies at ${rate}/s open loop over ${duration} s (${ctx.opts.targets.length} API target(s), cap ${cap} in flight)`);
  const t0 = nowNs() + 20e6;
  const firstCreateWall = wallMs();
  let firstSendNs = null;
  let lastSendNs = null;
  await new Promise((resolve) => {
    let next = 0;
    let settled = 0;
    const dispatch = (i) => {
      inFlight++;
      if (inFlight > maxInFlight) maxInFlight = inFlight;
      const sendNs = nowNs();
      if (firstSendNs === null) firstSendNs = sendNs;
      lastSendNs = sendNs;
      lagMs.push((sendNs - (t0 + i * intervalNs)) / 1e6);
      const k = i % agents.length;
      send(ctx, ctx.opts.targets[k], agents[k], 'POST', '/companies', { name: `WhBench ${tag} ${pad6(i + 1)}` }).then((r) => {
        inFlight--;
        settled++;
        if (isOk(r)) ok++;
        else errors.note(r);
        if (queue.length) dispatch(queue.shift());
        if (settled >= total) resolve();
      });
    };
    const tick = () => {
      const now = nowNs();
      while (next < total && t0 + next * intervalNs <= now) {
        const i = next++;
        if (inFlight < cap) dispatch(i);
        else queue.push(i);
      }
      if (next < total) {
        const waitMs = (t0 + next * intervalNs - nowNs()) / 1e6;
        if (waitMs > 1.5) setTimeout(tick, Math.floor(waitMs - 1));
        else setImmediate(tick);
      }
    };
    setTimeout(tick, 10);
  });
  const createdEndWall = wallMs();
  for (const a of agents) a.destroy();
  log(`${phase}: ${ok} created, ${errors.count} failed; waiting up to ${ctx.opts['straggler-wait']} s for deliveries`);
  const wait = await waitForDeliveries(rec, tag, ok, ctx.opts['straggler-wait']);
  const { list, dupIds, extraCopies } = deliveriesFor(rec, tag);
  const lat = list.map((d) => d.arrivalMs - d.generatedMs);
  const arrivals = list.map((d) => d.arrivalMs).sort((a, b) => a - b);
  return {
    name: phase,
    targetRate: rate,
    durationSeconds: duration,
    scheduled: total,
    created: ok,
    createErrors: errors.count,
    createErrorKinds: errors.list(),
    createSendLagMs: summarize(lagMs),
    maxInFlight,
    // rate at which creates were sent (open loop: the target unless the in-flight cap was hit)
    achievedSendRate: total > 1 && lastSendNs > firstSendNs ? round((total - 1) / ((lastSendNs - firstSendNs) / 1e9), 1) : null,
    // rate at which creates completed, first send to last response
    achievedCreateRate: round(ok / ((createdEndWall - firstCreateWall) / 1000), 1),
    delivered: list.length,
    missing: Math.max(0, ok - list.length),
    duplicateIds: dupIds,
    extraCopies,
    stragglerWaitTimedOut: wait.timedOut,
    lastDeliveryAfterLastCreateMs: arrivals.length ? round(arrivals[arrivals.length - 1] - createdEndWall, 1) : null,
    latencyMs: summarize(lat),
  };
}

// Closed loop: create-concurrency workers create companies back to back.
async function throughputPhase(ctx, rec) {
  const n = ctx.opts['backlog-events'];
  const cap = ctx.opts['create-concurrency'];
  const tag = `T${ctx.runTag}`;
  const errors = new Errors();
  const agents = ctx.opts.targets.map(() => new http.Agent({ keepAlive: true, maxSockets: cap }));
  const hold = ctx.opts['hold-seconds'];
  log(`throughput: creating ${n} companies as fast as ${cap} parallel POSTs allow${hold > 0 ? ` (for at most ${hold} s, the receiver holding its answers)` : ''}, then draining`);
  let issued = 0;
  let ok = 0;
  const startWall = wallMs();
  const deadline = nowNs() + (hold > 0 ? Math.min(hold, ctx.opts['create-timeout']) : ctx.opts['create-timeout']) * 1e9;
  if (hold > 0) rec.holding = true;
  const progress = setInterval(() => {
    let got = 0;
    for (const d of rec.byId.values()) if (d.tag === tag) got++;
    log(`throughput: t=${((wallMs() - startWall) / 1000).toFixed(0)} s, created ${ok}, delivered ${got}`);
  }, 5000);
  const worker = async (w) => {
    while (issued < n && nowNs() < deadline) {
      const i = issued++;
      const k = (w + i) % agents.length;
      const r = await send(ctx, ctx.opts.targets[k], agents[k], 'POST', '/companies', { name: `WhBench ${tag} ${pad6(i + 1)}` });
      if (isOk(r)) ok++;
      else errors.note(r);
    }
  };
  await Promise.all(Array.from({ length: cap }, (_, w) => worker(w)));
  const createdEndWall = wallMs();
  for (const a of agents) a.destroy();
  if (hold > 0) {
    rec.holding = false;
    const held = rec.held.splice(0);
    for (const answer of held) answer();
    log(`throughput: released ${held.length} held answers`);
  }
  let deliveredAtCreateEnd = 0;
  for (const d of rec.byId.values()) if (d.tag === tag) deliveredAtCreateEnd++;
  log(`throughput: ${ok} created in ${((createdEndWall - startWall) / 1000).toFixed(1)} s (${errors.count} failed), ${deliveredAtCreateEnd} delivered so far; draining (max ${ctx.opts['straggler-wait']} s)`);
  const wait = await waitForDeliveries(rec, tag, ok, ctx.opts['straggler-wait']);
  clearInterval(progress);
  const { list, dupIds, extraCopies } = deliveriesFor(rec, tag);
  const arr = list.map((d) => d.arrivalMs).sort((a, b) => a - b);
  const m = arr.length;
  let overall = null;
  let steady = null;
  let afterCreates = null;
  if (m >= 2) {
    overall = (m - 1) / ((arr[m - 1] - arr[0]) / 1000);
    const lo = Math.floor(m * 0.1);
    const hi = Math.max(lo + 1, Math.ceil(m * 0.9) - 1);
    steady = (hi - lo) / ((arr[hi] - arr[lo]) / 1000);
    const after = arr.filter((t) => t > createdEndWall);
    if (after.length >= 100) afterCreates = { deliveries: after.length, perSecond: round(after.length / ((after[after.length - 1] - createdEndWall) / 1000), 1) };
  }
  const lat = list.map((d) => d.arrivalMs - d.generatedMs);
  return {
    name: 'throughput',
    backlogEvents: n,
    holdSeconds: hold,
    createConcurrency: cap,
    created: ok,
    createErrors: errors.count,
    createErrorKinds: errors.list(),
    createSeconds: round((createdEndWall - startWall) / 1000, 2),
    createRate: round(ok / ((createdEndWall - startWall) / 1000), 1),
    deliveredWhenCreatesEnded: deliveredAtCreateEnd,
    backlogWhenCreatesEnded: ok - deliveredAtCreateEnd,
    delivered: m,
    missing: Math.max(0, ok - m),
    duplicateIds: dupIds,
    extraCopies,
    stragglerWaitTimedOut: wait.timedOut,
    drainSeconds: m >= 2 ? round((arr[m - 1] - arr[0]) / 1000, 2) : null,
    deliveriesPerSecond: round(overall, 1),
    steadyDeliveriesPerSecond: round(steady, 1),
    drainAfterCreates: afterCreates,
    latencyMs: summarize(lat),
  };
}

// ---------------------------------------------------------------------------
// Setup / teardown of the consumer
// ---------------------------------------------------------------------------

async function createConsumer(ctx, receiverPort) {
  const agent = new http.Agent({ keepAlive: false });
  const r = await send(ctx, ctx.opts.targets[0], agent, 'POST', '/webhooks', { url: `http://127.0.0.1:${receiverPort}/hook`, eventTypes: ['company.created'] });
  if (r.error) throw new SetupError(`cannot reach ${ctx.opts.targets[0].display}: ${r.error}`);
  if (r.status === 401 || r.status === 403) throw new SetupError(`API key rejected (HTTP ${r.status})`);
  if (!isOk(r)) throw new SetupError(`POST /webhooks answered ${r.status}: ${r.body.slice(0, 300)} (is BRIDGEKEEPER_WEBHOOKS_ALLOWHTTP=true and ALLOWEDTARGETS=127.0.0.0/8 set?)`);
  return JSON.parse(r.body).id;
}

async function deleteConsumer(ctx, id) {
  const agent = new http.Agent({ keepAlive: false });
  const r = await send(ctx, ctx.opts.targets[0], agent, 'DELETE', `/webhooks/${encodeURIComponent(id)}`);
  if (!isOk(r)) log(`warning: DELETE /webhooks/${id} answered ${r.status || r.error}`);
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus.length ? cpus[0].model.trim() : 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: round(os.totalmem() / 2 ** 30, 2),
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    nodeVersion: process.version,
  };
}

function goalsFor(run, compare) {
  const g = [];
  const t = run.phases.throughput;
  const l = run.phases.latency;
  // with --hold-seconds the drain after the creates is delivery alone; otherwise the steady rate (bounded by
  // the create rate whenever delivery keeps up)
  const rate = (t) => (t.holdSeconds > 0 ? t.drainAfterCreates?.perSecond ?? null : t.steadyDeliveriesPerSecond);
  const basis = (t) => (t.holdSeconds > 0 ? 'drain after held creates' : 'steady');
  if (t) {
    const per = rate(t) === null ? null : rate(t) / run.instances;
    g.push({ goal: `>= ${GOALS.perInstanceDeliveriesPerSec} deliveries/s per instance (${basis(t)})`, value: round(per, 1), met: per !== null && per >= GOALS.perInstanceDeliveriesPerSec && t.missing === 0 });
  }
  if (l) {
    // the rate must have been reached, not just asked for: a slow API lowers the load it gets
    const reached = l.achievedSendRate !== null && l.achievedSendRate >= GOALS.p99AtRate * 0.95;
    g.push({ goal: `p99 < ${GOALS.p99Ms} ms at ${GOALS.p99AtRate}/s`, value: l.latencyMs.p99, achievedSendRate: l.achievedSendRate, met: reached && l.latencyMs.p99 !== null && l.latencyMs.p99 < GOALS.p99Ms && l.missing === 0 });
  }
  if (t && compare?.phases?.throughput) {
    const base = rate(compare.phases.throughput);
    const ratio = base && rate(t) !== null ? rate(t) / base : null;
    g.push({ goal: `${run.instances} instances >= ${GOALS.twoInstanceRatio}x ${compare.instances} (${basis(t)})`, value: round(ratio, 2), met: ratio !== null && ratio >= GOALS.twoInstanceRatio });
  }
  return g;
}

function printTable(runs) {
  const head = ['run', 'phase', 'created', 'sent/s', 'create/s', 'delivered', 'missing', 'dups', 'deliv/s', 'steady/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'];
  const rows = [];
  for (const r of runs) {
    const l = r.phases.latency;
    if (l) rows.push([r.label, `latency @${l.targetRate}/s`, String(l.created), fmt(l.achievedSendRate), fmt(l.achievedCreateRate), String(l.delivered), String(l.missing), String(l.duplicateIds), '-', '-', fmt(l.latencyMs.p50), fmt(l.latencyMs.p90), fmt(l.latencyMs.p99), fmt(l.latencyMs.max)]);
    const t = r.phases.throughput;
    if (t) rows.push([r.label, 'throughput', String(t.created), '-', fmt(t.createRate), String(t.delivered), String(t.missing), String(t.duplicateIds), fmt(t.deliveriesPerSecond), fmt(t.steadyDeliveriesPerSecond), fmt(t.latencyMs.p50), fmt(t.latencyMs.p90), fmt(t.latencyMs.p99), fmt(t.latencyMs.max)]);
  }
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((v, i) => (i < 2 ? v.padEnd(w[i]) : v.padStart(w[i]))).join('  ');
  log('');
  log('Bridgekeeper webhook delivery (latency = arrival at receiver - generatedDate)');
  log(line(head));
  log(w.map((x) => '-'.repeat(x)).join('  '));
  for (const r of rows) log(line(r));
  log('');
  for (const r of runs) {
    const t = r.phases.throughput;
    if (t) {
      log(`${r.label}: throughput: creates took ${t.createSeconds} s (${fmt(t.createRate)}/s); backlog when creates ended ${t.backlogWhenCreatesEnded}` + (t.drainAfterCreates ? `, drained after that at ${t.drainAfterCreates.perSecond}/s (${t.drainAfterCreates.deliveries} deliveries)` : ''));
      if (t.backlogWhenCreatesEnded < t.created * 0.05) log(`${r.label}: note: delivery kept up with creation, so deliveries/s is bounded by the create rate (POST /companies), not by the dispatcher`);
    }
    const l = r.phases.latency;
    if (l) log(`${r.label}: latency: creates sent at ${fmt(l.achievedSendRate)}/s (target ${l.targetRate}), completed at ${fmt(l.achievedCreateRate)}/s, send lag p99 ${fmt(l.createSendLagMs.p99)} ms, max ${l.maxInFlight} in flight; last delivery ${fmt(l.lastDeliveryAfterLastCreateMs, 0)} ms after the last create${l.stragglerWaitTimedOut ? ' (straggler wait timed out: missing = not delivered in time)' : ''}`);
    if (l && l.createErrors) log(`${r.label}: latency: ${l.createErrors} creates failed: ${JSON.stringify(l.createErrorKinds.slice(0, 3))}`);
    if (t && t.createErrors) log(`${r.label}: throughput: ${t.createErrors} creates failed: ${JSON.stringify(t.createErrorKinds.slice(0, 3))}`);
  }
  const last = runs[runs.length - 1];
  log('');
  for (const g of last.goals) {
    const note = g.achievedSendRate !== undefined && g.achievedSendRate !== null && g.achievedSendRate < GOALS.p99AtRate * 0.95 ? ` (creates only reached ${g.achievedSendRate}/s)` : '';
    log(`goal ${g.goal}: ${g.value === null ? 'no data' : g.value} -> ${g.met ? 'MET' : 'MISSED'}${note}`);
  }
  if (runs.length > 1) {
    log(runs.at(-1).phases.throughput?.holdSeconds > 0
      ? 'note: the ratio compares the drains after held creates: delivery alone, the same regime in both runs'
      : 'note: the ratio compares steady deliveries/s; it is only meaningful if both runs drained in the same regime (see the drain lines above)');
  }
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2), process.env);
    if (opts.help) {
      log(usage());
      return 0;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message} (see --help)`);
      return 1;
    }
    throw e;
  }
  const ctx = {
    opts,
    authHeader: 'Basic ' + Buffer.from(opts['api-key'], 'utf8').toString('base64'),
    requestTimeoutMs: Math.round(opts['request-timeout'] * 1000),
    runTag: Date.now().toString(36).toUpperCase(),
  };
  let compare = null;
  if (opts.compare) compare = JSON.parse(fs.readFileSync(opts.compare, 'utf8'));

  const config = Object.fromEntries(Object.entries(opts).filter(([k]) => !['phaseSet', 'targets', 'api-key'].includes(k)));
  const result = {
    benchmark: 'bridgekeeper-webhook-throughput',
    version: SCRIPT_VERSION,
    label: opts.label,
    instances: opts.instances,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    targets: opts.targets.map((t) => t.display),
    config,
    machine: machineInfo(),
    phases: {},
    goals: [],
  };
  const { server, rec, port } = await startReceiver(opts["receiver-delay-ms"]);
  log(`${opts.label}: receiver on 127.0.0.1:${port}; API ${result.targets.join(', ')}; node ${process.version}; ${result.machine.cpuCount} x ${result.machine.cpuModel}`);
  let exitCode = 0;
  let consumerId = null;
  const cpu0 = process.cpuUsage();
  const t0 = nowNs();
  try {
    consumerId = await createConsumer(ctx, port);
    if (opts.phaseSet.has('latency') && opts.warmup > 0) result.warmup = await latencyPhase(ctx, rec, true);
    if (opts.phaseSet.has('latency')) result.phases.latency = await latencyPhase(ctx, rec);
    if (opts.phaseSet.has('throughput')) result.phases.throughput = await throughputPhase(ctx, rec);
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    console.error(`setup failure: ${e.message}`);
    result.setupError = e.message;
    exitCode = 2;
  } finally {
    if (consumerId) await deleteConsumer(ctx, consumerId);
    server.close();
    server.closeAllConnections?.();
  }
  const cpu = process.cpuUsage(cpu0);
  result.driverCpuPctOfOneCore = round(((cpu.user + cpu.system) / 1e3 / ((nowNs() - t0) / 1e6)) * 100, 1);
  result.receiver = { requests: rec.total, unparsable: rec.bad, otherEvents: rec.otherEvents, duplicateCopies: rec.duplicates };
  result.finishedAt = new Date().toISOString();
  if (!Object.keys(result.phases).length) return exitCode;
  result.goals = goalsFor(result, compare);
  if (compare) result.compare = { label: compare.label, instances: compare.instances, phases: compare.phases, goals: compare.goals };
  printTable(compare ? [compare, result] : [result]);
  log(`driver + receiver CPU: ${result.driverCpuPctOfOneCore}% of one core`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = opts.out ? path.resolve(opts.out) : path.join(here, 'results', `webhook-throughput-${opts.label}-${result.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  log(`results written to ${path.relative(process.cwd(), file) || file}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(2);
  },
);
