package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.integration.Integration;

/**
 * One step of the clean-up at a platform after a connection is unlinked or deleted. Steps are beans; the clean-up
 * job ({@link PlatformCleanupJob}) runs those that apply to the platform in {@link #order()}, each until it has
 * succeeded once (its name is then recorded with the pending clean-up, so a retry skips it). A platform's own step,
 * such as Xero's {@code DELETE /connections/{id}} through its connector, is one more bean, ordered before the
 * revocation because it needs the access token.
 */
interface PlatformCleanupStep {

    /** Where the built-in RFC 7009 revocation runs; steps that need the tokens come before it. */
    int REVOCATION = 1000;

    /** Stable name, recorded once the step has succeeded. */
    String name();

    int order();

    boolean appliesTo(Integration integration);

    /** Does the step at the platform; throws when it failed and should be tried again. Must be safe to repeat. */
    void run(Integration integration, PlatformCleanups.Pending cleanup) throws Exception;
}
