package dev.bridgekeeper.oauth.internal;

import java.time.Instant;

/**
 * A connection's tokens in the clear: only ever held in memory, never logged ({@link #toString()} hides them).
 *
 * @param refreshExpiresAt when the refresh token stops working, when the vendor or the connector says; else null
 */
record PlatformTokens(String accessToken, String refreshToken, String scope, Instant expiresAt,
        Instant refreshExpiresAt) {

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
