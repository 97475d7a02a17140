package dev.bridgekeeper.oauth;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;

/**
 * The only way other modules get a platform access token for a connection. It refreshes ahead of
 * expiry, at most once across all instances (a row lock in PostgreSQL), and turns a refused refresh
 * ({@code invalid_grant}) into a Deauthorized connection and a {@link ConnectionDeauthorizedException}.
 */
public interface ConnectionCredentials {

    /**
     * A currently valid access token for the connection, refreshed first when it is about to expire. A refresh runs
     * in a transaction of its own (never the caller's), so a caller's rollback cannot lose a rotated refresh token.
     */
    String accessToken(ClientId clientId, CompanyId companyId, ConnectionId connectionId);

    /**
     * The platform refused {@code rejected} (401) although it had not expired by our clock: a token refreshed since
     * (by anyone), or one refreshed now. A refused refresh makes the connection Deauthorized.
     */
    String renewAccessToken(ClientId clientId, CompanyId companyId, ConnectionId connectionId, String rejected);

    /**
     * The platform refused a token it had just been renewed to, and its connector says that ends the authorization:
     * the tokens are forgotten, the connection becomes Deauthorized (the lender is told, as after
     * {@code invalid_grant}), and a {@link ConnectionDeauthorizedException} is thrown.
     */
    void authorizationRefused(ClientId clientId, CompanyId companyId, ConnectionId connectionId, String reason);

    /** Thrown when the platform could not be reached or answered unexpectedly; worth retrying later. */
    class TemporarilyUnavailableException extends RuntimeException {
        public TemporarilyUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
