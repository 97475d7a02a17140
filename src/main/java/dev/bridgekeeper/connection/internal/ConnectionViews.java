package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.company.CompanyConnections;
import dev.bridgekeeper.connection.Connection;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.web.PublicUrl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds {@link DataConnection}s from rows and their catalog entries; also feeds companies' dataConnections. */
@Component
class ConnectionViews implements CompanyConnections {

    private static final UUID UNKNOWN_ID = new UUID(0, 0);

    private final IntegrationCatalog catalog;
    private final PublicUrl publicUrl;
    private final ConnectionStore store;

    ConnectionViews(IntegrationCatalog catalog, PublicUrl publicUrl, ConnectionStore store) {
        this.catalog = catalog;
        this.publicUrl = publicUrl;
        this.store = store;
    }

    DataConnection view(ConnectionRow row) {
        Integration integration = catalog.find(row.platformKey()).orElse(null);
        return new DataConnection(ConnectionId.of(row.id()), CompanyId.of(row.companyId()), row.platformKey(),
                row.sourceType(), integration == null ? row.platformKey() : integration.name(),
                integration == null ? UNKNOWN_ID : integration.integrationId(),
                integration == null ? UNKNOWN_ID : integration.sourceId(),
                publicUrl.resolve("/companies/" + row.companyId() + "/connections/" + row.id() + "/start"),
                row.status(), row.created(), row.lastSync(), row.errors(), row.connectionInfo());
    }

    @Override
    public Map<CompanyId, List<?>> connectionsOf(ClientId clientId, Collection<CompanyId> companyIds) {
        Map<CompanyId, List<?>> byCompany = new LinkedHashMap<>();
        List<UUID> ids = companyIds.stream().map(CompanyId::value).toList();
        for (ConnectionRow row : store.forCompanies(clientId.value(), ids)) {
            @SuppressWarnings("unchecked")
            List<Connection> list = (List<Connection>) byCompany.computeIfAbsent(CompanyId.of(row.companyId()),
                    id -> new ArrayList<Connection>());
            list.add(Connection.of(view(row)));
        }
        return byCompany;
    }
}
