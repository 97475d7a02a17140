package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connector.Connectors;
import dev.bridgekeeper.connector.TokenPolicy;
import dev.bridgekeeper.integration.AppCredentials;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single-flight refresh: the token row is locked for the refresh, and whoever waited on the lock sees that the
 * token changed and uses the new one instead of spending the refresh token again. Every refresh is a transaction of
 * its own (REQUIRES_NEW): a caller's long transaction (a direct first sync) neither holds the token row for its
 * whole length nor takes a rotated refresh token down with it when it rolls back. A refused refresh makes the
 * connection Deauthorized; when a caller's transaction is open (it may hold the connection row's key-share lock),
 * that change waits until the caller's transaction has ended.
 */
@Service
class VaultCredentials implements ConnectionCredentials {

    private static final Logger log = LoggerFactory.getLogger(VaultCredentials.class);

    private final TokenVault vault;
    private final PlatformClient platforms;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final Connectors connectors;
    private final TransactionTemplate own;
    private final OAuthProperties properties;
    private final Clock clock;

    VaultCredentials(TokenVault vault, PlatformClient platforms, ConnectionManagement connections,
            IntegrationCatalog catalog, Connectors connectors, PlatformTransactionManager transactions,
            OAuthProperties properties, Clock clock) {
        this.vault = vault;
        this.platforms = platforms;
        this.connections = connections;
        this.catalog = catalog;
        this.connectors = connectors;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String accessToken(ClientId client, CompanyId company, ConnectionId connection) {
        return token(client, company, connection, null);
    }

    @Override
    public String renewAccessToken(ClientId client, CompanyId company, ConnectionId connection, String rejected) {
        return token(client, company, connection, Objects.requireNonNull(rejected));
    }

    /** The current token, refreshed when it is about to expire or is {@code rejected}. */
    private String token(ClientId client, CompanyId company, ConnectionId connection, String rejected) {
        DataConnection linked = connections.get(client, company, connection);
        UUID connectionId = connection.value();
        if (!linked.isLinked()) {
            throw new ConnectionDeauthorizedException(connectionId, "the connection is " + linked.status());
        }
        PlatformTokens seen = vault.read(connectionId).orElseThrow(() -> new ConnectionDeauthorizedException(
                connectionId, "no tokens are stored"));
        if (!mustRefresh(seen, rejected)) {
            return seen.accessToken();
        }
        Integration integration = catalog.require(linked.platformKey());
        TokenPolicy policy = connectors.of(integration).authorization().tokenPolicy();
        try {
            return own.execute(status -> {
                PlatformTokens current = vault.readForUpdate(connectionId).orElseThrow(
                        () -> new ConnectionDeauthorizedException(connectionId, "no tokens are stored"));
                if (!Objects.equals(current.accessToken(), seen.accessToken()) || !mustRefresh(current, rejected)) {
                    return current.accessToken(); // refreshed meanwhile, by this or another instance
                }
                if (current.refreshToken() == null) {
                    throw new PlatformAuthException("invalid_grant", "the access token expired and there is no"
                            + " refresh token");
                }
                // the earlier of the refresh token's end and the authorization's absolute one (QuickBooks: five years)
                Instant authorizationEnd = PlatformClient.authorizationEnd(current.authorizedAt(), policy);
                PlatformTokens ending = current.refreshEndingBy(authorizationEnd);
                if (ending.refreshExpiredAt(clock.instant())) {
                    throw new PlatformAuthException("invalid_grant", "the authorization expired on "
                            + ending.refreshExpiresAt());
                }
                AppCredentials app = catalog.credentials(client, integration.key()).orElseThrow(
                        () -> new PlatformAuthException("no_credentials", "the app credentials of "
                                + integration.key() + " are no longer configured"));
                PlatformTokens fresh = refresh(integration, app, current.refreshToken(), policy)
                        .refreshEndingBy(authorizationEnd); // the vendor's rolling expiry never outlives the authorization
                vault.store(client.value(), connectionId, fresh, true);
                return fresh.accessToken();
            });
        } catch (PlatformAuthException e) {
            if (!e.isInvalidGrant()) {
                throw new TemporarilyUnavailableException("Refreshing the token of connection " + connectionId
                        + " failed: " + e.error());
            }
            log.info("Connection {} deauthorized: {}", connectionId, e.getMessage());
            deauthorize(client, company, connection, e.getMessage().contains("authorization expired")
                    ? "The platform's authorization of this connection expired (" + e.getMessage().replaceFirst(
                            "^invalid_grant: ", "") + "). Ask the customer to reconnect."
                    : "The platform no longer accepts this connection's authorization (invalid_grant)."
                            + " Ask the customer to reconnect.");
            throw new ConnectionDeauthorizedException(connectionId, "the platform refused the refresh token");
        }
    }

    @Override
    public void authorizationRefused(ClientId client, CompanyId company, ConnectionId connection, String reason) {
        log.info("Connection {} deauthorized: the platform refused its renewed access token", connection.value());
        deauthorize(client, company, connection, reason);
        throw new ConnectionDeauthorizedException(connection.value(), "the platform refused the renewed access token");
    }

    /**
     * One refresh; when its answer was lost (timeout, unreachable) and the vendor keeps a rotated-away refresh token
     * working for a grace period, once more with the same token: the vendor answers the new pair again.
     */
    private PlatformTokens refresh(Integration integration, AppCredentials app, String refreshToken,
            TokenPolicy policy) {
        try {
            return platforms.refresh(integration, app, refreshToken, policy);
        } catch (PlatformAuthException e) {
            if (!"unreachable".equals(e.error()) || !policy.rotatesRefreshTokens()
                    || policy.rotationGrace().isZero()) {
                throw e;
            }
            log.info("Refreshing a {} token got no answer ({}); trying once more within the rotation grace period",
                    integration.key(), e.getMessage());
            return platforms.refresh(integration, app, refreshToken, policy);
        }
    }

    /** Tokens gone and the connection Deauthorized, after the caller's transaction when one is open. */
    private void deauthorize(ClientId client, CompanyId company, ConnectionId connection, String reason) {
        own.executeWithoutResult(status -> vault.delete(connection.value()));
        Runnable mark = () -> own.executeWithoutResult(status -> connections.markDeauthorized(client, company,
                connection, reason));
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            // the caller's transaction (a read of the platform) may still fail and roll back: marked once it is
            // over, from a transaction of our own, the connection is Deauthorized whatever became of the caller's
            // work, and after it (the status change takes the connection row FOR NO KEY UPDATE, which a key-share
            // lock the caller holds would not block, but the event should follow what the caller did)
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    mark.run();
                }
            });
        } else {
            mark.run();
        }
    }

    private boolean mustRefresh(PlatformTokens tokens, String rejected) {
        if (rejected != null) {
            return Objects.equals(tokens.accessToken(), rejected);
        }
        return tokens.expiresBefore(clock.instant().plus(properties.refreshSkew()));
    }
}
