package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.company.CompanyConnections;
import dev.bridgekeeper.connection.Connection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.web.PublicUrl;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds Codat's Connection shape from a row and its catalog entry; also feeds companies' dataConnections. */
@Component
public class ConnectionViews implements CompanyConnections {

    private static final String UNKNOWN_ID = new UUID(0, 0).toString();

    private final IntegrationCatalog catalog;
    private final PublicUrl publicUrl;
    private final ConnectionStore store;

    ConnectionViews(IntegrationCatalog catalog, PublicUrl publicUrl, ConnectionStore store) {
        this.catalog = catalog;
        this.publicUrl = publicUrl;
        this.store = store;
    }

    public Connection view(ConnectionRow row) {
        Integration integration = catalog.find(row.platformKey()).orElse(null);
        return new Connection(row.id().toString(),
                integration == null ? UNKNOWN_ID : integration.integrationId().toString(),
                row.platformKey(),
                integration == null ? UNKNOWN_ID : integration.sourceId().toString(),
                row.sourceType(),
                integration == null ? row.platformKey() : integration.name(),
                publicUrl.resolve("/companies/" + row.companyId() + "/connections/" + row.id() + "/start"),
                row.status(), row.lastSync(), row.created(), row.errors(), row.connectionInfo());
    }

    @Override
    public Map<UUID, List<?>> connectionsOf(UUID clientId, Collection<UUID> companyIds) {
        Map<UUID, List<?>> byCompany = new LinkedHashMap<>();
        for (ConnectionRow row : store.forCompanies(clientId, companyIds)) {
            @SuppressWarnings("unchecked")
            List<Connection> list = (List<Connection>) byCompany.computeIfAbsent(row.companyId(),
                    id -> new java.util.ArrayList<Connection>());
            list.add(view(row));
        }
        return byCompany;
    }
}
