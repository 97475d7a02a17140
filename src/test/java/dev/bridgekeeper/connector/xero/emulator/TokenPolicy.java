package dev.bridgekeeper.connector.xero.emulator;

import java.time.Duration;

/**
 * Token lifetimes as Xero documents them (developer.xero.com/faq/oauth2): access tokens 30 minutes; an unused
 * refresh token expires after 60 days; after a refresh the previous refresh token can be used again for a
 * 30-minute grace period.
 *
 * @param authorizationCode how long a code from the redirect can be exchanged; not found in Xero's pages
 *     (5 minutes assumed, see docs/connectors/xero.md)
 * @param allowClientSecretPost Xero documents only HTTP Basic client authentication at the token endpoint; off
 *     holds a connector to that. Xero's own identity description lists client_id/client_secret in the refresh
 *     body, so the real server may be more lenient; switch on to mimic that.
 */
public record TokenPolicy(Duration accessToken, Duration refreshTokenUnused, Duration refreshGrace,
        Duration authorizationCode, boolean allowClientSecretPost) {

    public static TokenPolicy xeroDefaults() {
        return new TokenPolicy(Duration.ofMinutes(30), Duration.ofDays(60), Duration.ofMinutes(30),
                Duration.ofMinutes(5), false);
    }

    public TokenPolicy withAccessToken(Duration lifetime) {
        return new TokenPolicy(lifetime, refreshTokenUnused, refreshGrace, authorizationCode, allowClientSecretPost);
    }

    public TokenPolicy withAllowClientSecretPost(boolean allow) {
        return new TokenPolicy(accessToken, refreshTokenUnused, refreshGrace, authorizationCode, allow);
    }
}
