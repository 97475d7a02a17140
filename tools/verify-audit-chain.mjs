#!/usr/bin/env node
// Recomputes a company's consent audit chain outside Bridgekeeper, with Node's standard library only,
// so an auditor need not trust the server's own /consents/audit/verify answer.
//
//   BRIDGEKEEPER_API_KEY=… node tools/verify-audit-chain.mjs [--head <seq>:<hash>] https://bridgekeeper.example <companyId>
//   node tools/verify-audit-chain.mjs --jwks jwks.json [--head <seq>:<hash>] --file chain.json <companyId>
//
// Checks every entry's sequence, link, hash and signature (the installation's ES256 signature over the chain head
// the entry made, against the JWK Set at <base-url>/.well-known/jwks.json or the --jwks file: keep a copy of it).
// --head names a head kept from an earlier run: the chain must still hold that sequence with that hash, which is
// how entries cut off the end are caught. Prints {intact, entriesChecked, brokenSequence, brokenEntryId, problem,
// head}, head being the last entry's {sequence, hash, signature} to keep for next time; exits 0 when intact, 1 when
// not, 2 on a usage or network error. (BRIDGEKEEPER_AUTHORIZATION may carry a whole Authorization header.)
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const GENESIS = '0'.repeat(64);
export const HEAD_TYPE = 'audit-chain-head+jwt';

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

/** The installation's public keys by kid, from a JWK Set. */
export function keysOf(jwks) {
  return new Map(jwks.keys.filter((k) => k.kty === 'EC' && k.crv === 'P-256')
    .map((k) => [k.kid, createPublicKey({ key: k, format: 'jwk' })]));
}

/** Null when the entry's signature is an ES256 JWS by one of the keys over its company, sequence and hash. */
export function signatureProblem(entry, companyId, keys) {
  const parts = String(entry.signature).split('.');
  const notOurs = `it is not a JWS of type ${HEAD_TYPE} signed by a key of the installation's JWK Set`;
  if (parts.length !== 3) return notOurs;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return notOurs;
  }
  const key = keys.get(header.kid);
  if (!key || header.alg !== 'ES256' || header.typ !== HEAD_TYPE
    || !verifySignature('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(parts[2], 'base64url'))) {
    return notOurs;
  }
  if (claims.sub !== companyId.toLowerCase() || claims.seq !== entry.sequence || claims.hash !== entry.hash) {
    return "it signs another company, sequence or hash than this entry's";
  }
  return null;
}

/**
 * Checks sequence, link, content and signature of each entry in order and names the first that fails. Entries from
 * before chains were signed may be unsigned, but none after a signed one, and the last one must be signed.
 * {@code keptHead} ({sequence, hash}) is a head seen earlier that the chain must still hold.
 */
export function verifyChain(entries, companyId, keys, keptHead = null) {
  let expected = 1;
  let previous = GENESIS;
  let signedSeen = false;
  const broken = (checked, sequence, id, problem) =>
    ({ intact: false, entriesChecked: checked, brokenSequence: sequence, brokenEntryId: id, problem, head: null });
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
    if (entry.signature == null) {
      if (signedSeen) {
        return broken(checked, entry.sequence, entry.id, 'Signature missing: entries before it are signed');
      }
    } else {
      const problem = signatureProblem(entry, companyId, keys);
      if (problem) return broken(checked, entry.sequence, entry.id, `Signature invalid: ${problem}`);
      signedSeen = true;
    }
    previous = entry.hash;
    expected += 1;
  }
  const last = entries[entries.length - 1];
  if (last && last.signature == null) {
    return broken(expected - 1, last.sequence, last.id, 'Head not signed: nothing vouches for the chain');
  }
  if (keptHead && !entries.some((e) => e.sequence === keptHead.sequence && e.hash === keptHead.hash)) {
    return broken(expected - 1, keptHead.sequence, null, `Kept head missing: the chain no longer holds sequence`
      + ` ${keptHead.sequence} with hash ${keptHead.hash}; entries were cut off its end or it was rewritten`);
  }
  return { intact: true, entriesChecked: expected - 1, brokenSequence: null, brokenEntryId: null, problem: null,
    head: last ? { sequence: last.sequence, hash: last.hash, signature: last.signature } : null };
}

async function get(url, authorization) {
  const headers = { accept: 'application/json', ...(authorization ? { authorization } : {}) };
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function fetchChain(base, companyId) {
  const authorization = process.env.BRIDGEKEEPER_AUTHORIZATION
    ?? `Basic ${Buffer.from(process.env.BRIDGEKEEPER_API_KEY ?? '').toString('base64')}`;
  const entries = [];
  for (let page = 1; ; page += 1) {
    const body = await get(`${base}/companies/${companyId}/consents/audit?page=${page}&pageSize=2000`, authorization);
    entries.push(...body.results);
    if (entries.length >= body.totalResults || body.results.length === 0) return entries;
  }
}

function parse(args) {
  const options = {};
  const rest = [];
  for (let i = 0; i < args.length; i += 1) {
    if (['--file', '--jwks', '--head'].includes(args[i]) && i + 1 < args.length) {
      options[args[i].slice(2)] = args[i + 1];
      i += 1;
    } else {
      rest.push(args[i]);
    }
  }
  const head = options.head?.match(/^(\d+):([0-9a-f]{64})$/);
  const valid = (options.file ? rest.length === 1 && options.jwks : rest.length === 2) && (!options.head || head);
  return valid ? { ...options, base: options.file ? null : rest[0].replace(/\/$/, ''), companyId: rest[rest.length - 1],
    keptHead: head ? { sequence: Number(head[1]), hash: head[2] } : null } : null;
}

async function main(args) {
  const options = parse(args);
  if (!options) {
    console.error('usage: verify-audit-chain.mjs [--head <seq>:<hash>] <base-url> <companyId>\n'
      + '       verify-audit-chain.mjs --jwks <jwks.json> [--head <seq>:<hash>] --file <chain.json> <companyId>');
    return 2;
  }
  const entries = options.file ? JSON.parse(readFileSync(options.file, 'utf8'))
    : await fetchChain(options.base, options.companyId);
  const jwks = options.jwks ? JSON.parse(readFileSync(options.jwks, 'utf8'))
    : await get(`${options.base}/.well-known/jwks.json`);
  const result = verifyChain(entries, options.companyId, keysOf(jwks), options.keptHead);
  console.log(JSON.stringify(result));
  return result.intact ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
    console.error(error.message);
    process.exitCode = 2;
  });
}
