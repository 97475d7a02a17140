package dev.bridgekeeper.link;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentRecords;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.consent.Products;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import dev.bridgekeeper.platform.web.PublicUrl;
import dev.bridgekeeper.settings.SyncSetting;
import dev.bridgekeeper.settings.SyncSettingsDirectory;
import dev.bridgekeeper.sync.DataSync;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API behind the customer's manage-connections UI ({@code @bridgekeeper/connections}), called
 * with the company access token: the company's connections, what disconnecting one would stop, and
 * the disconnect itself (through {@link ConnectionManagement#unlink}, so tokens are revoked as for
 * any unlink). Reconnecting needs no endpoint: the connection's linkUrl authorises it again and
 * keeps its id.
 */
@RestController
@Tag(name = "Link", description = "Endpoints the Link UI calls with a company access token")
class LinkConnectionsController implements CompanyScopedEndpoints {

    private static final String CONNECTIONS = LinkApiController.BASE + "/connections";

    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final SyncSettingsDirectory syncSettings;
    private final DataSync dataSync;
    private final PublicUrl publicUrl;
    private final ConsentRecords consents;
    private final Products products;

    LinkConnectionsController(ConnectionManagement connections, IntegrationCatalog catalog,
            SyncSettingsDirectory syncSettings, DataSync dataSync, PublicUrl publicUrl, ConsentRecords consents,
            Products products) {
        this.connections = connections;
        this.catalog = catalog;
        this.syncSettings = syncSettings;
        this.dataSync = dataSync;
        this.publicUrl = publicUrl;
        this.consents = consents;
        this.products = products;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint(HttpMethod.GET, CONNECTIONS),
                new Endpoint(HttpMethod.PATCH, CONNECTIONS + "/{connectionId}"),
                new Endpoint(HttpMethod.GET, CONNECTIONS + "/{connectionId}/impact"));
    }

    /**
     * A connection as the customer manages it. {@code created} is when the customer started connecting it,
     * {@code firstLinked} when they first authorised it.
     */
    record ManagedConnection(String id, String integrationKey, String platformName, String sourceType,
            String logoUrl, String iconUrl, ConnectionStatus status, String organisationName, Instant created,
            Instant firstLinked, Instant lastSync, String linkUrl) {}

    /**
     * What stops when the connection is disconnected: the data types no longer updated, and the lender's
     * products that rely on it (those with an active consent covering this connection).
     */
    record DisconnectImpact(String connectionId, String platformName, List<String> dataTypes,
            List<Product> products) {}

    record Product(String productIdentifier, String name) {}

    record StatusChange(ConnectionStatus status) {}

    @Operation(operationId = "list-managed-connections", summary = "List the connections the customer can manage",
            description = "Every connection the customer authorised at some point (not those still waiting for a"
                    + " first sign-in), oldest first.")
    @GetMapping(CONNECTIONS)
    List<ManagedConnection> list(@PathVariable UUID companyId) {
        ClientId clientId = Caller.current().client();
        CompanyId company = CompanyId.of(companyId);
        Map<ConnectionId, Instant> firstLinked = connections.firstLinked(clientId, company);
        // when data last arrived: the newest completed pull stands in where the connection has no lastSync yet
        Map<ConnectionId, Instant> lastPulled = dataSync.lastCompleted(clientId, company);
        return connections.all(clientId, company).stream()
                .filter(c -> c.status() != ConnectionStatus.PendingAuth)
                .map(c -> view(c, firstLinked.get(c.id()), lastPulled.get(c.id())))
                .toList();
    }

    @Operation(operationId = "get-disconnect-impact", summary = "Say what stops if the customer disconnects",
            description = "The data types no longer updated from this connection, and the products relying on it.")
    @GetMapping(CONNECTIONS + "/{connectionId}/impact")
    DisconnectImpact impact(@PathVariable UUID companyId, @PathVariable UUID connectionId) {
        ClientId clientId = Caller.current().client();
        CompanyId company = CompanyId.of(companyId);
        DataConnection connection = connections.get(clientId, company, ConnectionId.of(connectionId));
        Set<String> offered = catalog.find(connection.platformKey()).map(Integration::dataTypes)
                .map(Map::keySet).orElse(Set.of());
        Set<String> synced = syncSettings.forCompany(clientId, company).stream().map(SyncSetting::dataType)
                .collect(Collectors.toSet());
        List<String> dataTypes = offered.stream()
                .filter(d -> synced.isEmpty() || synced.contains(d))
                .sorted()
                .toList();
        return new DisconnectImpact(connection.id().toString(), connection.platformName(), dataTypes,
                productsRelyingOn(clientId, company, connection));
    }

    /** Products with an active consent on this connection (a consent naming no connection covers its source type). */
    private List<Product> productsRelyingOn(ClientId clientId, CompanyId companyId, DataConnection connection) {
        return consents.list(clientId, companyId).stream()
                .filter(c -> c.status() == ConsentStatus.Active && c.productIdentifier() != null)
                .filter(c -> c.connectionIds().isEmpty() ? connection.sourceType().equals(c.sourceType())
                        : c.connectionIds().contains(connection.id()))
                .map(Consent::productIdentifier)
                .distinct()
                .map(id -> new Product(id, products.find(id).map(dev.bridgekeeper.consent.Product::name).orElse(id)))
                .toList();
    }

    @Operation(operationId = "disconnect-managed-connection", summary = "Disconnect a connection",
            description = "Body {\"status\": \"Unlinked\"}. Only a Linked connection can be disconnected; its tokens"
                    + " are revoked at the platform and the data already fetched is kept.")
    @PatchMapping(CONNECTIONS + "/{connectionId}")
    ManagedConnection disconnect(@PathVariable UUID companyId, @PathVariable UUID connectionId,
            @RequestBody(required = false) StatusChange body) {
        if (body == null || body.status() == null) {
            throw ApiException.badRequest("status", "\"status\" is required and can only be \"Unlinked\".");
        }
        ClientId clientId = Caller.current().client();
        CompanyId company = CompanyId.of(companyId);
        DataConnection unlinked = connections.unlink(clientId, company, ConnectionId.of(connectionId), body.status());
        return view(unlinked, connections.firstLinked(clientId, company).get(unlinked.id()),
                dataSync.lastCompleted(clientId, company).get(unlinked.id()));
    }

    private ManagedConnection view(DataConnection c, Instant firstLinked, Instant lastPulled) {
        Optional<Integration.Branding> branding = catalog.find(c.platformKey()).map(Integration::branding);
        String logo = branding.map(Integration.Branding::logo)
                .map(file -> publicUrl.resolve("/branding/" + c.platformKey() + "/" + file)).orElse(null);
        String icon = branding.map(Integration.Branding::icon)
                .map(file -> publicUrl.resolve("/branding/" + c.platformKey() + "/" + file)).orElse(null);
        Object organisation = c.connectionInfo() == null ? null : c.connectionInfo().get("organisationName");
        return new ManagedConnection(c.id().toString(), c.platformKey(), c.platformName(), c.sourceType(), logo, icon,
                c.status(), organisation == null ? null : organisation.toString(), c.created(), firstLinked,
                c.lastSync() != null ? c.lastSync() : lastPulled, c.linkUrl());
    }
}
