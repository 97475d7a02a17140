package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.Connectors;
import dev.bridgekeeper.connector.DisconnectContext;
import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.integration.AppCredentials;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.IntegrationSettings;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an unlinked or deleted connection leaves behind at its vendor, cleaned up after the change committed: first
 * the connector's own step ({@link AuthorizationAdapter#disconnect}, e.g. Xero's {@code DELETE /connections/{id}}),
 * then RFC 7009 revocation of its tokens when the step allows it. The tokens are those the vault held when the
 * connection went (they are no longer stored); an expired access token is refreshed in memory first.
 */
@Component
class VendorDisconnect {

    private static final Logger log = LoggerFactory.getLogger(VendorDisconnect.class);

    private final IntegrationCatalog catalog;
    private final Connectors connectors;
    private final PlatformClient platforms;
    private final Clock clock;

    VendorDisconnect(IntegrationCatalog catalog, Connectors connectors, PlatformClient platforms, Clock clock) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.platforms = platforms;
        this.clock = clock;
    }

    /** Runs the clean-up; failures are logged, never thrown (the connection is gone either way). */
    void run(ClientId client, DataConnection connection, PlatformTokens tokens) {
        Optional<Integration> found = catalog.find(connection.platformKey());
        Optional<AppCredentials> app = found.flatMap(i -> catalog.credentials(client, i.key()));
        if (found.isEmpty() || app.isEmpty()) {
            return;
        }
        Integration integration = found.get();
        AuthorizationAdapter adapter = connectors.of(integration).authorization();
        PlatformTokens[] current = {tokens};
        AuthorizationAdapter.Revocation revocation = AuthorizationAdapter.Revocation.REVOKE_TOKENS;
        try {
            PlatformHttp http = connectors.http(new HttpBinding(integration, app.get().clientId(), null,
                    new HttpBinding.BearerToken() {
                        @Override
                        public String current() {
                            if (current[0].expiresBefore(clock.instant()) && current[0].refreshToken() != null) {
                                current[0] = platforms.refresh(integration, app.get(), current[0].refreshToken(),
                                        adapter.tokenPolicy());
                            }
                            return current[0].accessToken();
                        }

                        @Override
                        public String renewAfterRejection(String rejected) {
                            if (current[0].refreshToken() == null) {
                                return null;
                            }
                            current[0] = platforms.refresh(integration, app.get(), current[0].refreshToken(),
                                    adapter.tokenPolicy());
                            return current[0].accessToken();
                        }
                    }, false));
            revocation = adapter.disconnect(new Context(integration, catalog.settings(integration.key()),
                    organisation(connection), http));
        } catch (RuntimeException e) {
            log.warn("The {} clean-up of connection {} failed: {}", integration.key(), connection.id(),
                    e.getMessage());
        }
        if (revocation == AuthorizationAdapter.Revocation.KEEP_TOKENS) {
            log.info("Connection {}: the tokens are not revoked at {} (the grant is shared)", connection.id(),
                    integration.key());
            return;
        }
        try {
            if (current[0].refreshToken() != null) {
                platforms.revoke(integration, app.get(), current[0].refreshToken(), true);
            }
            if (platforms.revoke(integration, app.get(), current[0].accessToken(), false)) {
                log.info("Revoked the tokens of connection {} at {}", connection.id(), integration.key());
            }
        } catch (PlatformAuthException e) {
            log.warn("Could not revoke the tokens of connection {} at {}: {}", connection.id(), integration.key(),
                    e.getMessage());
        }
    }

    /** The organisation as the connection's connectionInfo recorded it; null before it was ever bound. */
    private static Organisation organisation(DataConnection connection) {
        Map<String, Object> info = connection.connectionInfo();
        if (info == null || info.get("organisationId") == null) {
            return null;
        }
        Object name = info.get("organisationName");
        return new Organisation(String.valueOf(info.get("organisationId")), name == null ? null : name.toString(),
                info);
    }

    private record Context(Integration integration, IntegrationSettings settings, Organisation organisation,
            PlatformHttp http) implements DisconnectContext {}
}
