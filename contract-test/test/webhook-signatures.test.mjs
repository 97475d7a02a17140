// Webhooks from a real Bridgekeeper jar verify with the npm `standardwebhooks` package, the
// reference verifier many lenders will use: one signature normally, and both during a secret
// rotation, each of them on its own.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { CodatPlatform } from "@codat/platform";
import { Webhook } from "standardwebhooks";
import { startServer } from "../support/server.mjs";

const WAIT_MS = 30_000;

let server;
let auth;
let receiver;
const received = [];

async function api(method, path, body) {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { Authorization: auth, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Waits until the receiver holds `count` requests; the raw body is kept exactly as it arrived. */
async function receivedCount(count) {
  const deadline = Date.now() + WAIT_MS;
  while (received.length < count) {
    assert.ok(Date.now() < deadline, `only ${received.length} of ${count} webhooks arrived`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
  return received[count - 1];
}

before(async () => {
  receiver = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise((listening) => receiver.listen(0, "127.0.0.1", listening));
  server = await startServer({
    name: "webhook-server",
    env: { BRIDGEKEEPER_WEBHOOKS_ALLOWHTTP: "true", BRIDGEKEEPER_WEBHOOKS_ALLOWEDTARGETS: "127.0.0.0/8" },
  });
  auth = "Basic " + Buffer.from(server.apiKey).toString("base64");
});

after(async () => {
  await server?.stop();
  await new Promise((closed) => (receiver ? receiver.close(closed) : closed()));
});

describe("webhook consumers through Codat's own client", () => {
  test("create, list and delete parse with @codat/platform's schemas", async () => {
    const platform = new CodatPlatform({ serverURL: server.baseUrl, authHeader: auth,
      retryConfig: { strategy: "none" }, timeoutMs: 30_000 });
    const url = `http://127.0.0.1:${receiver.address().port}/codat-client`;
    const created = await platform.webhooks.createConsumer({ url, eventTypes: ["connection.connected"],
      companyTags: ["region:uk"] });
    assert.deepEqual({ ...created }, { id: created.id, url, disabled: false, eventTypes: ["connection.connected"],
      companyTags: ["region:uk"] });
    const listed = await platform.webhooks.listConsumers();
    assert.ok(listed.results.some((consumer) => consumer.id === created.id));
    await platform.webhooks.deleteConsumer({ webhookId: created.id });
    const after = await platform.webhooks.listConsumers();
    assert.ok(!after.results.some((consumer) => consumer.id === created.id));
  });
});

describe("webhook signatures and the npm standardwebhooks verifier", () => {
  test("a company.created webhook verifies, and tampering does not", async () => {
    const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
    const consumer = await api("POST", "/webhooks", { url, eventTypes: ["company.created"] });
    const { key } = await api("GET", `/webhooks/${consumer.id}/secret`);
    assert.match(key, /^whsec_/);

    const company = await api("POST", "/companies", { name: "Node Verified Ltd" });
    const webhook = await receivedCount(1);
    const event = new Webhook(key).verify(webhook.body, webhook.headers);
    assert.equal(event.eventType, "company.created");
    assert.equal(event.id, webhook.headers["webhook-id"]);
    assert.equal(event.payload.id, company.id);
    assert.throws(() => new Webhook(key).verify(webhook.body.replace("Node", "Nope"), webhook.headers));

    // during a rotation both secrets sign; each signature verifies on its own with its own secret
    const rotated = await api("POST", `/webhooks/${consumer.id}/secret/rotate`);
    await api("POST", "/companies", { name: "Node Rotated Ltd" });
    const both = await receivedCount(2);
    const signatures = both.headers["webhook-signature"].split(" ");
    assert.equal(signatures.length, 2);
    new Webhook(rotated.key).verify(both.body, both.headers);
    new Webhook(key).verify(both.body, both.headers);
    new Webhook(rotated.key).verify(both.body, { ...both.headers, "webhook-signature": signatures[0] });
    new Webhook(key).verify(both.body, { ...both.headers, "webhook-signature": signatures[1] });
    assert.throws(() => new Webhook(key).verify(both.body, { ...both.headers, "webhook-signature": signatures[0] }));
  });
});
