package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.oauth.ConnectionDeauthorizedException;
import dev.bridgekeeper.oauth.OAuthProperties;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single-flight refresh: the token row is locked for the refresh, and whoever waited on the lock
 * sees that the token changed and uses the new one instead of spending the refresh token again.
 */
@Service
class VaultCredentials implements ConnectionCredentials {

    private static final Logger log = LoggerFactory.getLogger(VaultCredentials.class);

    private final TokenVault vault;
    private final PlatformClient platforms;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final TransactionTemplate tx;
    private final OAuthProperties properties;
    private final Clock clock;

    VaultCredentials(TokenVault vault, PlatformClient platforms, ConnectionManagement connections,
            IntegrationCatalog catalog, TransactionTemplate tx, OAuthProperties properties, Clock clock) {
        this.vault = vault;
        this.platforms = platforms;
        this.connections = connections;
        this.catalog = catalog;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String accessToken(ClientId client, CompanyId company, ConnectionId connection) {
        DataConnection linked = connections.get(client, company, connection);
        UUID connectionId = connection.value();
        if (!linked.isLinked()) {
            throw new ConnectionDeauthorizedException(connectionId, "the connection is " + linked.status());
        }
        PlatformTokens seen = vault.read(connectionId).orElseThrow(() -> new ConnectionDeauthorizedException(
                connectionId, "no tokens are stored"));
        if (!needsRefresh(seen)) {
            return seen.accessToken();
        }
        Integration integration = catalog.require(linked.platformKey());
        try {
            return tx.execute(status -> {
                PlatformTokens current = vault.readForUpdate(connectionId).orElseThrow(
                        () -> new ConnectionDeauthorizedException(connectionId, "no tokens are stored"));
                if (!Objects.equals(current.accessToken(), seen.accessToken()) || !needsRefresh(current)) {
                    return current.accessToken(); // refreshed meanwhile, by this or another instance
                }
                if (current.refreshToken() == null) {
                    throw new PlatformAuthException("invalid_grant", "the access token expired and there is no"
                            + " refresh token");
                }
                PlatformTokens fresh = platforms.refresh(integration, current.refreshToken());
                vault.store(client.value(), connectionId, fresh, true);
                return fresh.accessToken();
            });
        } catch (PlatformAuthException e) {
            if (!e.isInvalidGrant()) {
                throw new TemporarilyUnavailableException("Refreshing the token of connection " + connectionId
                        + " failed: " + e.error());
            }
            log.info("Connection {} deauthorized: the platform refused its refresh token", connectionId);
            tx.executeWithoutResult(status -> {
                vault.delete(connectionId);
                connections.markDeauthorized(client, company, connection,
                        "The platform no longer accepts this connection's authorization (invalid_grant)."
                                + " Ask the customer to reconnect.");
            });
            throw new ConnectionDeauthorizedException(connectionId, "the platform refused the refresh token");
        }
    }

    private boolean needsRefresh(PlatformTokens tokens) {
        Instant threshold = clock.instant().plus(properties.refreshSkew());
        return tokens.expiresBefore(threshold);
    }
}
