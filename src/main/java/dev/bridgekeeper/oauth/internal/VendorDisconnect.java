package dev.bridgekeeper.oauth.internal;

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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clean-up at the vendor after an unlink or delete, one step of the durable clean-up job
 * ({@link PlatformCleanupJob}): first the connector's own step ({@link AuthorizationAdapter#disconnect}, e.g. Xero's
 * {@code DELETE /connections/{id}}), then RFC 7009 revocation of the tokens unless the connector says the grant is
 * shared. The tokens are those the vault held when the connection went; an access token the platform rejects is
 * refreshed, and tokens it rotates are kept with the pending clean-up so a retry presents the current ones. Both
 * parts are safe to repeat (an organisation already disconnected is a 404; revoking twice is not an error,
 * RFC 7009 §2.2), so a failure anywhere throws and the whole step is tried again later.
 */
@Component
class VendorDisconnect implements PlatformCleanupStep {

    private static final Logger log = LoggerFactory.getLogger(VendorDisconnect.class);
    private static final TypeReference<Map<String, Object>> INFO = new TypeReference<>() {};

    private final IntegrationCatalog catalog;
    private final Connectors connectors;
    private final PlatformClient platforms;
    private final PlatformCleanups cleanups;
    private final JsonMapper json;
    private final Clock clock;

    VendorDisconnect(IntegrationCatalog catalog, Connectors connectors, PlatformClient platforms,
            PlatformCleanups cleanups, JsonMapper json, Clock clock) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.platforms = platforms;
        this.cleanups = cleanups;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "vendor-disconnect";
    }

    @Override
    public int order() {
        return REVOCATION;
    }

    /** Every platform: its connector's own step may apply even where there is no revocation URL. */
    @Override
    public boolean appliesTo(Integration integration) {
        return true;
    }

    @Override
    public void run(Integration integration, PlatformCleanups.Pending cleanup) {
        Optional<AppCredentials> app = catalog.credentials(new ClientId(cleanup.clientId()), integration.key());
        if (app.isEmpty()) {
            log.warn("Connection {}: no app credentials for {} any more, so its tokens cannot be revoked there",
                    cleanup.connectionId(), integration.key());
            return;
        }
        AuthorizationAdapter adapter = connectors.of(integration).authorization();
        PlatformTokens[] current = {cleanup.tokens()};
        HttpBinding.BearerToken bearer = new HttpBinding.BearerToken() {
            @Override
            public String current() {
                if (current[0].expiresBefore(clock.instant()) && current[0].refreshToken() != null) {
                    renew();
                }
                return current[0].accessToken();
            }

            @Override
            public String renewAfterRejection(String rejected) {
                if (current[0].refreshToken() == null) {
                    return null;
                }
                renew();
                return current[0].accessToken();
            }

            private void renew() {
                current[0] = platforms.refresh(integration, app.get(), current[0].refreshToken(),
                        adapter.tokenPolicy());
                cleanups.replaceTokens(cleanup.id(), cleanup.connectionId(), current[0]);
            }
        };
        PlatformHttp http = connectors.http(new HttpBinding(integration, app.get().clientId(), null, bearer, false));
        AuthorizationAdapter.Revocation revocation = adapter.disconnect(new Context(integration,
                catalog.settings(integration.key()), organisation(cleanup.connectionInfo()), http));
        if (revocation == AuthorizationAdapter.Revocation.KEEP_TOKENS) {
            log.info("Connection {}: the tokens are not revoked at {} (the grant is shared)", cleanup.connectionId(),
                    integration.key());
            return;
        }
        if (current[0].refreshToken() != null) {
            platforms.revoke(integration, app.get(), current[0].refreshToken(), true);
        }
        if (platforms.revoke(integration, app.get(), current[0].accessToken(), false)) {
            log.info("Revoked the tokens of connection {} at {}", cleanup.connectionId(),
                    integration.key());
        }
    }

    /** The organisation as the connection's connectionInfo recorded it; null before it was ever bound. */
    private Organisation organisation(String connectionInfo) {
        if (connectionInfo == null) {
            return null;
        }
        Map<String, Object> info = json.readValue(connectionInfo, INFO);
        if (info.get("organisationId") == null) {
            return null;
        }
        Object name = info.get("organisationName");
        return new Organisation(String.valueOf(info.get("organisationId")), name == null ? null : name.toString(),
                info);
    }

    private record Context(Integration integration, IntegrationSettings settings, Organisation organisation,
            PlatformHttp http) implements DisconnectContext {}
}
