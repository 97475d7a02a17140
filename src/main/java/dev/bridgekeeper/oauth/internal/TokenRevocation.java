package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.company.CompanyDeleted;
import dev.bridgekeeper.connection.ConnectionDeleted;
import dev.bridgekeeper.connection.ConnectionDisconnected;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.jobs.Jobs;
import dev.bridgekeeper.platform.jobs.OneTimeJob;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * When a connection is unlinked, deauthorized or deleted (directly or with its company), its tokens leave the vault
 * in the same transaction. Unlinked and deleted connections are also cleaned up at the platform (the connector's own
 * step, then RFC 7009 revocation; {@link VendorDisconnect}): in that transaction they move, still sealed, to a pending clean-up and a
 * job is queued for it ({@link PlatformCleanupJob}), so a crash after the commit loses nothing.
 */
@Component
class TokenRevocation {

    private final TokenVault vault;
    private final PlatformCleanups cleanups;
    private final PlatformCleanupJob cleanup;
    private final OneTimeJob cleanupJob;
    private final Jobs jobs;
    private final IntegrationCatalog catalog;
    private final ConnectionManagement connections;
    private final Clock clock;
    private final JsonMapper json;

    TokenRevocation(TokenVault vault, PlatformCleanups cleanups, PlatformCleanupJob cleanup,
            @Qualifier("platformCleanupOneTimeJob") OneTimeJob cleanupJob, Jobs jobs, IntegrationCatalog catalog,
            ConnectionManagement connections, Clock clock, JsonMapper json) {
        this.vault = vault;
        this.cleanups = cleanups;
        this.cleanup = cleanup;
        this.cleanupJob = cleanupJob;
        this.jobs = jobs;
        this.catalog = catalog;
        this.connections = connections;
        this.clock = clock;
        this.json = json;
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
        UUID connectionId = connection.id().value();
        boolean cleanUp = revokeAtPlatform
                && catalog.find(connection.platformKey()).map(cleanup::needed).orElse(false);
        if (!cleanUp) {
            vault.delete(connectionId);
            return;
        }
        String info = connection.connectionInfo() == null ? null : json.writeValueAsString(connection.connectionInfo());
        cleanups.moveFromVault(connectionId, connection.platformKey(), info)
                .ifPresent(id -> jobs.schedule(cleanupJob, id.toString(), clock.instant()));
    }
}
