package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.ConsentRecords.PendingConsent;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.sync.SyncScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What consents cover, the read model behind sync: for a company with products, a connection syncs only the
 * data types that active consents of those products cover. Companies without products are not narrowed (their
 * sync settings decide), so API-only integrations that never assign a product keep working unchanged.
 */
@Component
class ConsentCoverage implements SyncScope {

    private final ConsentStore store;
    private final ProductCatalog products;
    private final CompanyProducts companyProducts;
    private final ConnectionManagement connections;

    ConsentCoverage(ConsentStore store, ProductCatalog products, CompanyProducts companyProducts,
            ConnectionManagement connections) {
        this.store = store;
        this.products = products;
        this.companyProducts = companyProducts;
        this.connections = connections;
    }

    /**
     * The data types the connection may sync, or empty when the company has no products (then consent is
     * recorded but does not narrow sync).
     */
    @Override
    @Transactional(readOnly = true)
    public Optional<Set<String>> allowed(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String sourceType) {
        List<String> assigned;
        try {
            assigned = companyProducts.products(clientId, companyId);
        } catch (ApiException gone) {
            return Optional.of(Set.of());
        }
        if (assigned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(covered(active(clientId, companyId), connectionId.value(), sourceType, assigned, null));
    }

    /** The company's Active records, read once for the coverage questions of one change. */
    List<ConsentRow> active(ClientId clientId, CompanyId companyId) {
        return store.activeForCompany(clientId.value(), companyId.value());
    }

    /** Data types the {@code active} consents of assigned products give the connection, leaving out {@code except}. */
    Set<String> covered(List<ConsentRow> active, UUID connectionId, String sourceType, List<String> assigned,
            UUID except) {
        Set<String> types = new LinkedHashSet<>();
        for (ConsentRow row : active) {
            if (row.id().equals(except) || row.product() == null || !assigned.contains(row.product())
                    || !row.covers(connectionId, sourceType)) {
                continue;
            }
            Set<String> offered = products.find(row.product()).map(p -> Set.copyOf(p.dataTypes(row.sourceType())))
                    .orElse(Set.of());
            row.dataTypes().stream().filter(offered::contains).forEach(types::add);
        }
        return types;
    }

    /** Every consent the company's products still need on connections it has already linked. */
    @Transactional(readOnly = true)
    List<PendingConsent> pending(ClientId clientId, CompanyId companyId) {
        List<DataConnection> linked = connections.linked(clientId, companyId);
        List<ConsentRow> active = active(clientId, companyId);
        List<Product> assigned = companyProducts.products(clientId, companyId).stream()
                .map(products::find).flatMap(Optional::stream).toList();
        List<PendingConsent> pending = new ArrayList<>();
        for (DataConnection connection : linked) {
            UUID id = connection.id().value();
            for (Product product : assigned) {
                List<String> dataTypes = product.dataTypes(connection.sourceType());
                boolean consented = active.stream().anyMatch(row -> product.identifier().equals(row.product())
                        && row.covers(id, connection.sourceType()));
                if (!dataTypes.isEmpty() && !consented) {
                    pending.add(new PendingConsent(product.identifier(), product.name(), product.purpose(),
                            connection.sourceType(), dataTypes, id.toString(), connection.platformName()));
                }
            }
        }
        return pending;
    }
}
