package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.company.CompanyDeleted;
import dev.bridgekeeper.connection.ConnectionDeleted;
import dev.bridgekeeper.connection.ConnectionDisconnected;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When a connection is unlinked, deauthorized or deleted (directly or with its company), its tokens
 * leave the vault in the same transaction; once that commits, unlinked and deleted connections'
 * tokens are also revoked at the platform (RFC 7009) when its catalog entry names a revocation URL.
 */
@Component
class TokenRevocation {

    private static final Logger log = LoggerFactory.getLogger(TokenRevocation.class);

    private final TokenVault vault;
    private final PlatformClient platforms;
    private final IntegrationCatalog catalog;
    private final ConnectionManagement connections;
    private final Executor executor;

    TokenRevocation(TokenVault vault, PlatformClient platforms, IntegrationCatalog catalog,
            ConnectionManagement connections, @Qualifier("applicationTaskExecutor") Executor executor) {
        this.vault = vault;
        this.platforms = platforms;
        this.catalog = catalog;
        this.connections = connections;
        this.executor = executor;
    }

    @EventListener
    void on(ConnectionDisconnected event) {
        forget(event.connection(), event.connection().status() == ConnectionStatus.Unlinked);
    }

    @EventListener
    void on(ConnectionDeleted event) {
        forget(event.connection(), true);
    }

    /**
     * Published before the company's rows go, so its connections can still be listed (those without tokens
     * are skipped).
     */
    @EventListener
    void on(CompanyDeleted event) {
        connections.all(event.clientId(), event.company().id()).forEach(connection -> forget(connection, true));
    }

    private void forget(DataConnection connection, boolean revokeAtPlatform) {
        forget(connection.id().value(), connection.platformKey(), revokeAtPlatform);
    }

    private void forget(UUID connectionId, String platformKey, boolean revokeAtPlatform) {
        Optional<PlatformTokens> tokens = vault.read(connectionId);
        if (tokens.isEmpty()) {
            return;
        }
        vault.delete(connectionId);
        Optional<Integration> integration = catalog.find(platformKey);
        if (!revokeAtPlatform || integration.isEmpty() || integration.get().auth().revocationUrl() == null) {
            return;
        }
        Runnable revoke = () -> revoke(integration.get(), connectionId, tokens.get());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    executor.execute(revoke);
                }
            });
        } else {
            executor.execute(revoke);
        }
    }

    private void revoke(Integration integration, UUID connectionId, PlatformTokens tokens) {
        try {
            if (tokens.refreshToken() != null) {
                platforms.revoke(integration, tokens.refreshToken(), true);
            }
            platforms.revoke(integration, tokens.accessToken(), false);
            log.info("Revoked the tokens of connection {} at {}", connectionId, integration.key());
        } catch (PlatformAuthException e) {
            log.warn("Could not revoke the tokens of connection {} at {}: {}", connectionId, integration.key(),
                    e.getMessage());
        }
    }
}
