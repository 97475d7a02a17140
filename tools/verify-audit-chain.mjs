#!/usr/bin/env node
// Recomputes a company's consent audit chain outside Bridgekeeper, with Node's standard library only,
// so an auditor need not trust the server's own /consents/audit/verify answer.
//
//   BRIDGEKEEPER_API_KEY=… node tools/verify-audit-chain.mjs https://bridgekeeper.example <companyId>
//   node tools/verify-audit-chain.mjs --file chain.json <companyId>   (a JSON array of entries, in order)
//
// Prints {intact, entriesChecked, brokenSequence, brokenEntryId, problem}; exits 0 when intact, 1 when
// not, 2 on a usage or network error. (BRIDGEKEEPER_AUTHORIZATION may carry a whole Authorization header.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const GENESIS = '0'.repeat(64);

/** JSON as RFC 8785 writes it for these values: JSON.stringify with object keys sorted by UTF-16 code units. */
export function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

/** The entry's hash: SHA-256 (hex) of the canonical form of its fields and its company. */
export function entryHash(entry, companyId) {
  const form = ['bridgekeeper-audit-v1', entry.previousHash, entry.sequence, companyId.toLowerCase(),
    entry.eventType, entry.subjectId ?? null, entry.details, entry.recordedAt];
  return createHash('sha256').update(canonical(form), 'utf8').digest('hex');
}

/** Checks sequence, link and content of each entry in order and names the first that fails. */
export function verifyChain(entries, companyId) {
  let expected = 1;
  let previous = GENESIS;
  const broken = (checked, sequence, id, problem) =>
    ({ intact: false, entriesChecked: checked, brokenSequence: sequence, brokenEntryId: id, problem });
  for (const entry of entries) {
    const checked = expected - 1;
    if (entry.sequence > expected) {
      return broken(checked, expected, null, `Entry missing: sequence ${expected} is not in the chain`);
    }
    if (entry.sequence < expected) {
      return broken(checked, entry.sequence, entry.id, `Entry outside the chain: sequence ${entry.sequence} repeats`);
    }
    if (entry.previousHash !== previous) {
      return broken(checked, entry.sequence, entry.id, 'Link broken: previousHash is not the hash of the entry before');
    }
    if (entryHash(entry, companyId) !== entry.hash) {
      return broken(checked, entry.sequence, entry.id, 'Content altered: the fields do not hash to the stored hash');
    }
    previous = entry.hash;
    expected += 1;
  }
  return { intact: true, entriesChecked: expected - 1, brokenSequence: null, brokenEntryId: null, problem: null };
}

async function fetchChain(base, companyId) {
  const authorization = process.env.BRIDGEKEEPER_AUTHORIZATION
    ?? `Basic ${Buffer.from(process.env.BRIDGEKEEPER_API_KEY ?? '').toString('base64')}`;
  const entries = [];
  for (let page = 1; ; page += 1) {
    const url = `${base.replace(/\/$/, '')}/companies/${companyId}/consents/audit?page=${page}&pageSize=2000`;
    const response = await fetch(url, { headers: { authorization, accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    const body = await response.json();
    entries.push(...body.results);
    if (entries.length >= body.totalResults || body.results.length === 0) return entries;
  }
}

async function main(args) {
  if (args.length !== 2 && !(args.length === 3 && args[0] === '--file')) {
    console.error('usage: verify-audit-chain.mjs <base-url> <companyId> | --file <chain.json> <companyId>');
    return 2;
  }
  const companyId = args[args.length - 1];
  const entries = args[0] === '--file' ? JSON.parse(readFileSync(args[1], 'utf8')) : await fetchChain(args[0], companyId);
  const result = verifyChain(entries, companyId);
  console.log(JSON.stringify(result));
  return result.intact ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
    console.error(error.message);
    process.exitCode = 2;
  });
}
