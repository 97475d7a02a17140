package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.sync.CacheEviction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdrawing a consent, and what it would change beforehand: which products lose which data types, which
 * connections stop syncing them or are unlinked, and when their cached data goes.
 */
@Service
class ConsentRevocation {

    /** What revoking would change: which products lose which data types, which connections stop or unlink. */
    record Impact(String consentId, String productIdentifier, List<ProductLoss> products,
            List<ConnectionImpact> connections, Duration retention, Instant dataDeletedAt) {}

    record ProductLoss(String productIdentifier, List<String> dataTypes) {}

    record ConnectionImpact(String connectionId, String platformName, ConnectionStatus status,
            List<String> stopsSyncing, List<String> keepsSyncing, boolean unlinked) {}

    private final ConsentQueries queries;
    private final ConsentStore store;
    private final ConsentCoverage coverage;
    private final ProductCatalog products;
    private final CompanyProducts companyProducts;
    private final ConnectionManagement connections;
    private final CacheEviction eviction;
    private final ConsentAnnouncements announce;
    private final Clock clock;

    ConsentRevocation(ConsentQueries queries, ConsentStore store, ConsentCoverage coverage, ProductCatalog products,
            CompanyProducts companyProducts, ConnectionManagement connections, CacheEviction eviction,
            ConsentAnnouncements announce, Clock clock) {
        this.queries = queries;
        this.store = store;
        this.coverage = coverage;
        this.products = products;
        this.companyProducts = companyProducts;
        this.connections = connections;
        this.eviction = eviction;
        this.announce = announce;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Impact impact(ClientId clientId, CompanyId companyId, UUID consentId) {
        ConsentRow row = queries.require(clientId, companyId, consentId, false);
        ConsentTransitions.apply(row.status(), ConsentTransitions.Change.REVOKE);
        return impact(row, now());
    }

    private Impact impact(ConsentRow row, Instant now) {
        ClientId clientId = ClientId.of(row.clientId());
        CompanyId companyId = CompanyId.of(row.companyId());
        List<String> assigned = companyProducts.products(clientId, companyId);
        List<ConsentRow> active = coverage.active(clientId, companyId);
        List<ConnectionImpact> affected = new ArrayList<>();
        for (DataConnection connection : connections.all(clientId, companyId)) {
            UUID id = connection.id().value();
            if (!row.covers(id, connection.sourceType())) {
                continue;
            }
            Set<String> remaining = coverage.covered(active, id, connection.sourceType(), assigned, row.id());
            List<String> stops = assigned.isEmpty() ? List.of()
                    : row.dataTypes().stream().filter(t -> !remaining.contains(t)).toList();
            boolean stillConsented = active.stream()
                    .anyMatch(other -> !other.id().equals(row.id()) && other.covers(id, connection.sourceType()));
            affected.add(new ConnectionImpact(id.toString(), connection.platformName(), connection.status(), stops,
                    List.copyOf(remaining), !stillConsented && connection.status() == ConnectionStatus.Linked));
        }
        Duration retention = row.product() == null ? Duration.ZERO
                : products.find(row.product()).map(Product::retention).orElse(Duration.ZERO);
        return new Impact(row.id().toString(), row.product(),
                List.of(new ProductLoss(row.product(), row.dataTypes())), affected, retention, now.plus(retention));
    }

    /**
     * Withdraws the consent. Data types no other consent covers stop syncing at once; their cached records go
     * after the product's retention, or now when {@code deleteDataNow}; a connection left without any active
     * consent is unlinked, which revokes its tokens at the platform. {@code revokedVia} is the credential that
     * asked; {@code revokedBy} who the record names (the controller decides what a credential may claim).
     */
    @Transactional
    Consent revoke(ClientId clientId, CompanyId companyId, UUID consentId, String revokedVia, String revokedBy,
            String reason, boolean deleteDataNow) {
        ConsentRow row = queries.require(clientId, companyId, consentId, true);
        Instant now = now();
        ConsentRow revoked = row.revokedBy(revokedBy, reason, now);
        Impact impact = impact(row, now);
        store.update(revoked);
        Consent consent = queries.consent(revoked);
        List<ConnectionId> unlinked = impact.connections().stream().filter(ConnectionImpact::unlinked)
                .map(c -> ConnectionId.of(UUID.fromString(c.connectionId()))).toList();
        announce.revoked(clientId, consent, now, revokedVia, deleteDataNow, unlinked);
        for (ConnectionImpact connection : impact.connections()) {
            ConnectionId connectionId = ConnectionId.of(UUID.fromString(connection.connectionId()));
            for (String dataType : connection.stopsSyncing()) {
                if (deleteDataNow || impact.retention().isZero()) {
                    int removed = eviction.evict(clientId, companyId, connectionId, dataType);
                    announce.dataDeleted(clientId, consent, now, connectionId, dataType, removed);
                } else {
                    store.scheduleDeletion(clientId.value(), companyId.value(), connectionId.value(), dataType,
                            row.id(), impact.dataDeletedAt());
                }
            }
            if (connection.unlinked()) {
                connections.unlink(clientId, companyId, connectionId, ConnectionStatus.Unlinked);
            }
        }
        return consent;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
