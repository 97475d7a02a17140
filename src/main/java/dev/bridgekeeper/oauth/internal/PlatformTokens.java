package dev.bridgekeeper.oauth.internal;

import java.time.Instant;

/** A connection's tokens in the clear: only ever held in memory, never logged ({@link #toString()} hides them). */
record PlatformTokens(String accessToken, String refreshToken, String scope, Instant expiresAt) {

    boolean expiresBefore(Instant moment) {
        return expiresAt != null && expiresAt.isBefore(moment);
    }

    @Override
    public String toString() {
        return "PlatformTokens[expiresAt=" + expiresAt + ", scope=" + scope + ", refreshable=" + (refreshToken != null)
                + "]";
    }
}
