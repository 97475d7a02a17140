package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.company.CompanyDeleted;
import dev.bridgekeeper.connection.ConnectionDeleted;
import dev.bridgekeeper.connection.ConnectionDisconnected;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.ids.ClientId;
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
    private final VendorDisconnect vendor;
    private final IntegrationCatalog catalog;
    private final ConnectionManagement connections;
    private final Executor executor;

    TokenRevocation(TokenVault vault, VendorDisconnect vendor, IntegrationCatalog catalog,
            ConnectionManagement connections, @Qualifier("applicationTaskExecutor") Executor executor) {
        this.vault = vault;
        this.vendor = vendor;
        this.catalog = catalog;
        this.connections = connections;
        this.executor = executor;
    }

    @EventListener
    void on(ConnectionDisconnected event) {
        forget(event.clientId(), event.connection(), event.connection().status() == ConnectionStatus.Unlinked);
    }

    @EventListener
    void on(ConnectionDeleted event) {
        forget(event.clientId(), event.connection(), true);
    }

    /**
     * Published before the company's rows go, so its connections can still be listed (those without tokens
     * are skipped).
     */
    @EventListener
    void on(CompanyDeleted event) {
        connections.all(event.clientId(), event.company().id()).forEach(connection -> forget(event.clientId(),
                connection, true));
    }

    private void forget(ClientId client, DataConnection connection, boolean revokeAtPlatform) {
        UUID connectionId = connection.id().value();
        Optional<PlatformTokens> tokens = vault.read(connectionId);
        if (tokens.isEmpty()) {
            return;
        }
        vault.delete(connectionId);
        Optional<Integration> integration = catalog.find(connection.platformKey());
        if (!revokeAtPlatform || integration.isEmpty()) {
            return;
        }
        // the connector's vendor clean-up, then RFC 7009 revocation (VendorDisconnect)
        Runnable revoke = () -> vendor.run(client, connection, tokens.get());
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
}
