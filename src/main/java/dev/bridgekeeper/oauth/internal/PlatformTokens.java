package dev.bridgekeeper.oauth.internal;

import java.time.Instant;

/**
 * A connection's tokens in the clear: only ever held in memory, never logged ({@link #toString()} hides them).
 *
 * @param refreshExpiresAt when the refresh token stops working, when the vendor or the connector says; else null
 * @param authorizedAt     when the customer authorized (the code exchange whose grant these tokens continue); null
 *                         for tokens a refresh answered, which continue the stored authorization
 */
record PlatformTokens(String accessToken, String refreshToken, String scope, Instant expiresAt,
        Instant refreshExpiresAt, Instant authorizedAt) {

    /** These tokens with the refresh token ending at {@code end} at the latest (an authorization's absolute end). */
    PlatformTokens refreshEndingBy(Instant end) {
        if (end == null || refreshExpiresAt != null && refreshExpiresAt.isBefore(end)) {
            return this;
        }
        return new PlatformTokens(accessToken, refreshToken, scope, expiresAt, end, authorizedAt);
    }

    boolean expiresBefore(Instant moment) {
        return expiresAt != null && expiresAt.isBefore(moment);
    }

    boolean refreshExpiredAt(Instant moment) {
        return refreshExpiresAt != null && !refreshExpiresAt.isAfter(moment);
    }

    @Override
    public String toString() {
        return "PlatformTokens[expiresAt=" + expiresAt + ", scope=" + scope + ", refreshable=" + (refreshToken != null)
                + "]";
    }
}
