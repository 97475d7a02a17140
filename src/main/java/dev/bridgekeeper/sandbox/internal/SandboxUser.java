package dev.bridgekeeper.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The documented test users (all with password {@code pass_good}) and the behaviour each one
 * triggers, so every token failure mode can be reproduced on demand.
 */
enum SandboxUser {

    /** Everything works: 30-minute access tokens, 30-day rotating refresh tokens. */
    GOOD("user_good", "Good Books Ltd", null, false,
            "Everything works: access tokens live 30 minutes, refresh tokens 30 days and rotate on every refresh."),
    /** Access tokens live 60 seconds, so a client must refresh; refreshing works. */
    EXPIRING("user_expiring", "Short Fuse Trading Ltd", Duration.ofSeconds(60), false,
            "Access tokens live 60 seconds, so the client must refresh; refreshing works."),
    /** The first refresh works, but the refresh token it returns is already revoked. */
    REVOKED("user_revoked", "Withdrawn Widgets Ltd", null, true,
            "The first refresh works, but the refresh token it returns is already revoked:"
                    + " the next refresh gets invalid_grant."),
    /** The data API answers the first page of every listing with 429 and Retry-After: 1, then serves it. */
    RATE_LIMITED("user_ratelimited", "Throttled Traders Ltd", null, false,
            "The data API answers the first page of each listing with 429 Too Many Requests (Retry-After: 1)."),
    /** The data API is down: every data request gets 503. */
    FLAKY("user_flaky", "Wobbly Wares Ltd", null, false,
            "The data API is down: every data request gets 503 Service Unavailable."),
    /** The data API is slow: every page takes bridgekeeper.sandbox.data.slow-page-delay to answer. */
    SLOW("user_slow", "Slow Coach Supplies Ltd", null, false,
            "The data API is slow: every page of data takes a while (bridgekeeper.sandbox.data.slow-page-delay).");

    static final String PASSWORD = "pass_good";

    private final String username;
    private final String organisation;
    private final Duration accessTokenLifetime;
    private final boolean revokesRotatedRefreshTokens;
    private final String behaviour;

    SandboxUser(String username, String organisation, Duration accessTokenLifetime,
            boolean revokesRotatedRefreshTokens, String behaviour) {
        this.username = username;
        this.organisation = organisation;
        this.accessTokenLifetime = accessTokenLifetime;
        this.revokesRotatedRefreshTokens = revokesRotatedRefreshTokens;
        this.behaviour = behaviour;
    }

    String username() {
        return username;
    }

    /** What signing in as this user does, in a sentence for the sandbox's home page. */
    String behaviour() {
        return behaviour;
    }

    /** A shorter access-token lifetime than the client's, when this user has one. */
    Optional<Duration> accessTokenLifetime() {
        return Optional.ofNullable(accessTokenLifetime);
    }

    /** Whether a refresh token issued by a refresh is revoked as soon as it is issued. */
    boolean revokesRotatedRefreshTokens() {
        return revokesRotatedRefreshTokens;
    }

    /** e.g. "Good Books Ltd (Sandbox Accounting)": the same on every call, different per platform. */
    String organisationName(SandboxPlatform platform) {
        return organisation + " (" + platform.displayName() + ")";
    }

    /** A stable id per user and platform, so repeated connections see the same organisation. */
    UUID organisationId(SandboxPlatform platform) {
        return UUID.nameUUIDFromBytes(("bridgekeeper-sandbox:" + platform.slug() + ":" + username)
                .getBytes(StandardCharsets.UTF_8));
    }

    static Optional<SandboxUser> byUsername(String username) {
        return Arrays.stream(values()).filter(u -> u.username.equals(username)).findFirst();
    }
}
