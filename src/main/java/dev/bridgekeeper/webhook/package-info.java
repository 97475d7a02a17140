/**
 * Webhooks: lenders' consumers, a transactional outbox fed by domain events, Standard Webhooks
 * signatures, dispatch on a retry schedule with endpoint health, the delivery log and replay.
 * Other modules never call it: it listens to their events.
 */
@ApplicationModule(displayName = "Webhooks")
package dev.bridgekeeper.webhook;

import org.springframework.modulith.ApplicationModule;
