package dev.bridgekeeper.connector;

import java.time.Duration;

/**
 * How a vendor's tokens behave.
 *
 * @param rotatesRefreshTokens each refresh answers a new refresh token (stored atomically with the access token)
 * @param rotationGrace        how long the previous refresh token keeps working after a refresh (Xero: 30 minutes);
 *                             a refresh whose answer was lost (timeout) is then retried once with the same token
 * @param refreshTokenLifetime how long a refresh token lives from when it is issued (Xero: 60 days unused); null
 *                             when unknown or unlimited. A token response's {@code x_refresh_token_expires_in}
 *                             (QuickBooks) takes precedence. Past it, the connection is Deauthorized without asking
 *                             the vendor, with a reason that says so.
 * @param authorizationLifetime how long an authorization lasts at most, from the customer's consent (the code
 *                             exchange), however often its tokens are refreshed (QuickBooks: five years); null when
 *                             unlimited. A refresh token's end is never later; past it the connection is
 *                             Deauthorized without asking the vendor.
 */
public record TokenPolicy(boolean rotatesRefreshTokens, Duration rotationGrace, Duration refreshTokenLifetime,
        Duration authorizationLifetime) {

    /** A vendor whose authorizations last as long as their refresh tokens are used. */
    public TokenPolicy(boolean rotatesRefreshTokens, Duration rotationGrace, Duration refreshTokenLifetime) {
        this(rotatesRefreshTokens, rotationGrace, refreshTokenLifetime, null);
    }

    /** Plain RFC 6749 behaviour: nothing known beyond the access token's expires_in. */
    public static TokenPolicy standard() {
        return new TokenPolicy(false, Duration.ZERO, null);
    }
}
