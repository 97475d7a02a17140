/**
 * Webhooks: lenders' consumers, a transactional outbox fed by domain events, Standard Webhooks
 * signatures, dispatch on a retry schedule with endpoint health, the delivery log and replay.
 * Other modules never call it: it listens to their events.
 */
package dev.bridgekeeper.webhook;
