package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.consent.ConsentRecords.ConsentText;
import dev.bridgekeeper.consent.ConsentRecords.LinkAcceptance;
import dev.bridgekeeper.consent.ConsentRecords.PendingConsent;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.platform.crypto.Digests;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.settings.ProfileSettings;
import dev.bridgekeeper.sync.CacheEviction;
import dev.bridgekeeper.sync.DataSync;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records, reconfirms, revokes and expires consents, and answers what they cover. Every change writes its
 * record and publishes its event in one transaction, so a webhook or audit entry exists exactly when the
 * change does.
 */
@Service
class ConsentService {

    /** What a consent is for, as validated input. */
    record Grant(Product product, String sourceType, List<UUID> connectionIds, List<String> dataTypes, String text,
            String textVersion, String locale, ConsentChannel channel, String ipAddress, String userAgent) {}

    private final ConsentStore store;
    private final ProductCatalog products;
    private final CompanyProducts companyProducts;
    private final CompanyDirectory companies;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final ProfileSettings profiles;
    private final DataSync sync;
    private final CacheEviction eviction;
    private final ProductProperties properties;
    private final ConsentAnnouncements announce;
    private final ConsentAudit audit;
    private final Clock clock;

    ConsentService(ConsentStore store, ProductCatalog products, CompanyProducts companyProducts,
            CompanyDirectory companies, ConnectionManagement connections, IntegrationCatalog catalog,
            ProfileSettings profiles, DataSync sync, CacheEviction eviction, ProductProperties properties,
            ConsentAnnouncements announce, ConsentAudit audit, Clock clock) {
        this.store = store;
        this.products = products;
        this.companyProducts = companyProducts;
        this.companies = companies;
        this.connections = connections;
        this.catalog = catalog;
        this.profiles = profiles;
        this.sync = sync;
        this.eviction = eviction;
        this.properties = properties;
        this.announce = announce;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- granting -------------------------------------------------------------------------------------------

    /** A consent given on the lender's own screen (or one it relays), checked against the company's products. */
    @Transactional
    ConsentRecord grant(UUID clientId, UUID companyId, Grant grant, String grantedBy) {
        CompanyReference company = companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        String text = grant.text() != null ? grant.text() : render(clientId, company, grant);
        String version = grant.textVersion() != null ? grant.textVersion()
                : grant.text() == null ? grant.product().consentTexts().version() : null;
        String locale = grant.locale() != null ? grant.locale() : grant.product().consentTexts().locale();
        ConsentRow row = insert(clientId, companyId, grant.product(), grant.sourceType(), grant.connectionIds(),
                grant.dataTypes(), text, version, locale, grant.channel(), grantedBy, grant.ipAddress(),
                grant.userAgent());
        return view(row);
    }

    @Transactional
    List<ConsentRecord> acceptInLink(UUID clientId, UUID companyId, LinkAcceptance link) {
        String sourceType = link.sourceType();
        List<UUID> connectionIds = link.connectionId() == null ? List.of() : List.of(link.connectionId().value());
        List<String> assigned = companyProducts.products(ClientId.of(clientId), CompanyId.of(companyId));
        String only = link.productIdentifier();
        if (only != null && (!assigned.contains(only) || products.find(only).map(p -> p.dataTypes(sourceType))
                .orElse(List.of()).isEmpty())) {
            throw ApiException.badRequest("productIdentifier", "Company " + companyId + " has no product \"" + only
                    + "\" that uses " + sourceType + ".");
        }
        List<Product> using = assigned.stream()
                .filter(p -> only == null || only.equals(p))
                .map(products::find).flatMap(Optional::stream)
                .filter(p -> !p.dataTypes(sourceType).isEmpty())
                .toList();
        List<ConsentRecord> recorded = new ArrayList<>();
        if (using.isEmpty()) {
            recorded.add(view(insert(clientId, companyId, null, sourceType, connectionIds,
                    offeredDataTypes(clientId, companyId, link.connectionId()), link.text(), link.textVersion(),
                    link.locale(), link.channel(), link.grantedBy(), link.ipAddress(), link.userAgent())));
        }
        // the record keeps the version the page sent: the product's when Link showed the product's texts
        for (Product product : using) {
            recorded.add(view(insert(clientId, companyId, product, sourceType, connectionIds,
                    product.dataTypes(sourceType), link.text(), link.textVersion(), link.locale(), link.channel(),
                    link.grantedBy(), link.ipAddress(), link.userAgent())));
        }
        return recorded;
    }

    @Transactional(readOnly = true)
    List<PendingConsent> pendingInLink(UUID clientId, UUID companyId) {
        List<DataConnection> linked = connections.linked(ClientId.of(clientId), CompanyId.of(companyId));
        List<ConsentRow> active = store.activeForCompany(clientId, companyId);
        List<Product> assigned = companyProducts.products(ClientId.of(clientId), CompanyId.of(companyId)).stream()
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

    private ConsentRow insert(UUID clientId, UUID companyId, Product product, String sourceType,
            List<UUID> connectionIds, List<String> dataTypes, String text, String version, String locale,
            ConsentChannel channel, String grantedBy, String ipAddress, String userAgent) {
        Instant now = now();
        Product.ConsentPolicy policy = product == null ? products.defaultPolicy() : product.consentPolicy();
        Instant expires = now.plus(policy.durationFor(sourceType));
        boolean details = properties.consent().recordClientDetails();
        ConsentRow row = new ConsentRow(UUID.randomUUID(), clientId, companyId,
                product == null ? null : product.identifier(), sourceType, List.copyOf(connectionIds),
                List.copyOf(dataTypes), text, Digests.sha256(text), version, locale, channel, grantedBy,
                details ? ipAddress : null, details ? userAgent : null, now, expires,
                expires.minus(policy.reminderLeadTime()), null, ConsentStatus.Active, now, null, null, null, null);
        List<ConsentRow> before = store.activeForCompany(clientId, companyId);
        store.insert(row);
        // a new consent for the same product, source type and connections replaces the one it repeats
        for (ConsentRow old : before) {
            if (java.util.Objects.equals(old.product(), row.product()) && old.sourceType().equals(sourceType)
                    && (connectionIds.isEmpty() || (!old.connectionIds().isEmpty()
                            && connectionIds.containsAll(old.connectionIds())))) {
                ConsentRow superseded = changed(old, ConsentTransitions.Change.SUPERSEDE, now, row.id());
                store.update(superseded);
                audit.record(clientId, "consent.superseded", view(superseded),
                        Map.of("supersededBy", row.id().toString()));
            }
        }
        for (UUID connectionId : connectionIds) {
            store.cancelDeletions(clientId, connectionId, dataTypes);
        }
        ConsentRecord view = view(row);
        Map<String, Object> granted = new LinkedHashMap<>();
        granted.put("grantedBy", grantedBy);
        granted.put("grantedAt", ConsentAudit.text(now));
        granted.put("locale", locale);
        audit.record(clientId, "consent.granted", view, granted);
        announce.granted(clientId, view, now);
        if (product != null && !dataTypes.isEmpty()) {
            // newly covered data types sync now on connections already linked: no new sign-in at the platform
            sync.queueDataTypes(ClientId.of(clientId), CompanyId.of(companyId), dataTypes);
        }
        return row;
    }

    private String render(UUID clientId, CompanyReference company, Grant grant) {
        String platformName = grant.connectionIds().isEmpty() ? grant.sourceType()
                : connections.get(ClientId.of(clientId), company.id(), ConnectionId.of(grant.connectionIds().get(0)))
                        .platformName();
        return ConsentTextRenderer.render(grant.product(), grant.sourceType(), grant.dataTypes(),
                placeholders(clientId, company, grant.product(), platformName));
    }

    @Transactional(readOnly = true)
    List<ConsentText> textsInLink(UUID clientId, UUID companyId, String sourceType, String platformName) {
        CompanyReference company = companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        return companyProducts.products(ClientId.of(clientId), company.id()).stream()
                .map(products::find).flatMap(Optional::stream)
                .filter(p -> !p.dataTypes(sourceType).isEmpty())
                .map(p -> ConsentTextRenderer.texts(p, sourceType, p.dataTypes(sourceType), placeholders(clientId,
                        company, p, platformName == null ? sourceType : platformName)))
                .toList();
    }

    private Map<String, String> placeholders(UUID clientId, CompanyReference company, Product product,
            String platformName) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("companyName", company.name());
        String lender = profiles.profile(ClientId.of(clientId)).name();
        // an unnamed profile (a fresh install) is never shown as a name the customer cannot place
        values.put("lenderName", lender == null || lender.isBlank() ? "your lender" : lender);
        values.put("productName", product.name());
        values.put("platformName", platformName);
        return values;
    }

    private List<String> offeredDataTypes(UUID clientId, UUID companyId, ConnectionId connectionId) {
        if (connectionId == null) {
            return List.of();
        }
        DataConnection connection = connections.get(ClientId.of(clientId), CompanyId.of(companyId), connectionId);
        return catalog.find(connection.platformKey())
                .map(i -> i.dataTypes().keySet().stream().filter(DataTypes.STANDARD::contains).sorted().toList())
                .orElse(List.of());
    }

    // ---- reading --------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    List<ConsentRecord> list(UUID clientId, UUID companyId) {
        companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        return store.forCompany(clientId, companyId).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    ConsentRecord get(UUID clientId, UUID companyId, UUID consentId) {
        return view(require(clientId, companyId, consentId, false));
    }

    // ---- coverage -------------------------------------------------------------------------------------------

    /**
     * The data types the connection may sync, or empty when the company has no products (then consent is
     * recorded but does not narrow sync, so companies that never use products behave as before).
     */
    @Transactional(readOnly = true)
    Optional<Set<String>> allowed(UUID clientId, UUID companyId, UUID connectionId, String sourceType) {
        List<String> assigned;
        try {
            assigned = companyProducts.products(ClientId.of(clientId), CompanyId.of(companyId));
        } catch (ApiException gone) {
            return Optional.of(Set.of());
        }
        if (assigned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(covered(clientId, companyId, connectionId, sourceType, assigned, null));
    }

    /** Data types active consents of assigned products give the connection, leaving out {@code except}. */
    private Set<String> covered(UUID clientId, UUID companyId, UUID connectionId, String sourceType,
            List<String> assigned, UUID except) {
        Set<String> types = new LinkedHashSet<>();
        for (ConsentRow row : store.activeForCompany(clientId, companyId)) {
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

    // ---- revocation -----------------------------------------------------------------------------------------

    /** What revoking would change: which products lose which data types, which connections stop or unlink. */
    record Impact(String consentId, String productIdentifier, List<ProductLoss> products,
            List<ConnectionImpact> connections, Duration retention, Instant dataDeletedAt) {}

    record ProductLoss(String productIdentifier, List<String> dataTypes) {}

    record ConnectionImpact(String connectionId, String platformName, ConnectionStatus status,
            List<String> stopsSyncing, List<String> keepsSyncing, boolean unlinked) {}

    @Transactional(readOnly = true)
    Impact impact(UUID clientId, UUID companyId, UUID consentId) {
        ConsentRow row = require(clientId, companyId, consentId, false);
        ConsentTransitions.apply(row.status(), ConsentTransitions.Change.REVOKE);
        return impact(row, now());
    }

    private Impact impact(ConsentRow row, Instant now) {
        List<String> assigned = companyProducts.products(ClientId.of(row.clientId()), CompanyId.of(row.companyId()));
        List<ConnectionImpact> affected = new ArrayList<>();
        for (DataConnection connection : connections.all(ClientId.of(row.clientId()), CompanyId.of(row.companyId()))) {
            UUID id = connection.id().value();
            if (!row.covers(id, connection.sourceType())) {
                continue;
            }
            Set<String> remaining = covered(row.clientId(), row.companyId(), id, connection.sourceType(), assigned,
                    row.id());
            List<String> stops = assigned.isEmpty() ? List.of()
                    : row.dataTypes().stream().filter(t -> !remaining.contains(t)).toList();
            boolean stillConsented = store.activeForCompany(row.clientId(), row.companyId()).stream()
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
     * consent is unlinked, which revokes its tokens at the platform.
     */
    @Transactional
    ConsentRecord revoke(UUID clientId, UUID companyId, UUID consentId, String revokedBy, String reason,
            boolean deleteDataNow) {
        ConsentRow row = require(clientId, companyId, consentId, true);
        Instant now = now();
        ConsentRow revoked = changed(row, ConsentTransitions.Change.REVOKE, now, null);
        Impact impact = impact(row, now);
        revoked = new ConsentRow(revoked.id(), revoked.clientId(), revoked.companyId(), revoked.product(),
                revoked.sourceType(), revoked.connectionIds(), revoked.dataTypes(), revoked.text(),
                revoked.textSha256(), revoked.textVersion(), revoked.locale(), revoked.channel(), revoked.grantedBy(),
                revoked.ipAddress(), revoked.userAgent(), revoked.granted(), revoked.expires(), revoked.remind(),
                revoked.reminded(), revoked.status(), now, now, revokedBy, reason, null);
        store.update(revoked);
        ConsentRecord view = view(revoked);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("revokedBy", revokedBy);
        details.put("reason", reason);
        details.put("deleteDataNow", deleteDataNow);
        details.put("unlinkedConnections", impact.connections().stream().filter(ConnectionImpact::unlinked)
                .map(ConnectionImpact::connectionId).toList());
        audit.record(clientId, "consent.revoked", view, details);
        for (ConnectionImpact connection : impact.connections()) {
            UUID connectionId = UUID.fromString(connection.connectionId());
            for (String dataType : connection.stopsSyncing()) {
                if (deleteDataNow || impact.retention().isZero()) {
                    int removed = eviction.evict(ClientId.of(clientId), CompanyId.of(companyId),
                            ConnectionId.of(connectionId), dataType);
                    audit.record(clientId, "consent.data.deleted", view, Map.of("connectionId",
                            connectionId.toString(), "deletedDataType", dataType, "recordsDeleted", removed));
                } else {
                    store.scheduleDeletion(clientId, companyId, connectionId, dataType, row.id(),
                            impact.dataDeletedAt());
                }
            }
            if (connection.unlinked()) {
                connections.unlink(ClientId.of(clientId), CompanyId.of(companyId), ConnectionId.of(connectionId),
                        ConnectionStatus.Unlinked);
            }
        }
        announce.revoked(clientId, view, now);
        return view;
    }

    // ---- reconfirmation and expiry ---------------------------------------------------------------------------

    /** Extends an Active or Expired consent by its policy's duration from now; the history keeps the old end. */
    @Transactional
    ConsentRecord reconfirm(UUID clientId, UUID companyId, UUID consentId, ConsentChannel channel) {
        ConsentRow row = require(clientId, companyId, consentId, true);
        Instant now = now();
        ConsentStatus status = ConsentTransitions.apply(row.status(), ConsentTransitions.Change.RECONFIRM);
        Product product = row.product() == null ? null : products.find(row.product()).orElse(null);
        Product.ConsentPolicy policy = product == null ? products.defaultPolicy() : product.consentPolicy();
        Instant expires = now.plus(policy.durationFor(row.sourceType()));
        ConsentRow extended = new ConsentRow(row.id(), clientId, companyId, row.product(), row.sourceType(),
                row.connectionIds(), row.dataTypes(), row.text(), row.textSha256(), row.textVersion(), row.locale(),
                row.channel(), row.grantedBy(), row.ipAddress(), row.userAgent(), row.granted(), expires,
                expires.minus(policy.reminderLeadTime()), null, status,
                status == row.status() ? row.statusChanged() : now, null, null, null, null);
        store.update(extended);
        store.insertReconfirmation(row.id(), now, row.expires(), expires, channel);
        audit.record(clientId, "consent.reconfirmed", view(extended), Map.of("previousExpiresAt",
                ConsentAudit.text(row.expires()), "reconfirmedVia", channel.name()));
        if (row.status() == ConsentStatus.Expired && product != null) {
            sync.queueDataTypes(ClientId.of(clientId), CompanyId.of(companyId), row.dataTypes());
        }
        return view(extended);
    }

    /** Expires Active consents whose end has come; returns how many. */
    @Transactional
    int expireDue(int limit) {
        Instant now = now();
        List<ConsentRow> due = store.dueToExpire(now, limit);
        for (ConsentRow row : due) {
            ConsentRow expired = changed(row, ConsentTransitions.Change.EXPIRE, now, null);
            store.update(expired);
            ConsentRecord view = view(expired);
            audit.record(row.clientId(), "consent.expired", view, Map.of());
            announce.expired(row.clientId(), view, now);
        }
        return due.size();
    }

    /** Sends consent.expiring once for each Active consent inside its reminder window; returns how many. */
    @Transactional
    int remindDue(int limit) {
        Instant now = now();
        List<ConsentRow> due = store.dueForReminder(now, limit);
        for (ConsentRow row : due) {
            ConsentRow reminded = new ConsentRow(row.id(), row.clientId(), row.companyId(), row.product(),
                    row.sourceType(), row.connectionIds(), row.dataTypes(), row.text(), row.textSha256(),
                    row.textVersion(), row.locale(), row.channel(), row.grantedBy(), row.ipAddress(), row.userAgent(),
                    row.granted(), row.expires(), row.remind(), now, row.status(), row.statusChanged(), row.revoked(),
                    row.revokedBy(), row.revocationReason(), row.supersededBy());
            store.update(reminded);
            ConsentRecord view = view(reminded);
            audit.record(row.clientId(), "consent.expiring", view, Map.of());
            announce.expiring(row.clientId(), view, now);
        }
        return due.size();
    }

    /** Deletes cached data whose retention after a revocation has ended, unless a newer consent covers it. */
    @Transactional
    int deleteDue(int limit) {
        List<ConsentStore.Deletion> due = store.dueDeletions(now(), limit);
        for (ConsentStore.Deletion deletion : due) {
            ClientId client = ClientId.of(deletion.clientId());
            CompanyId company = CompanyId.of(deletion.companyId());
            List<String> assigned = companyProducts.products(client, company);
            DataConnection connection = connections.get(client, company, ConnectionId.of(deletion.connectionId()));
            if (!covered(deletion.clientId(), deletion.companyId(), deletion.connectionId(), connection.sourceType(),
                    assigned, null).contains(deletion.dataType())) {
                int removed = eviction.evict(client, company, connection.id(), deletion.dataType());
                store.find(deletion.clientId(), deletion.companyId(), deletion.consentId(), false).ifPresent(
                        consent -> audit.record(deletion.clientId(), "consent.data.deleted", view(consent),
                                Map.of("connectionId", deletion.connectionId().toString(),
                                        "deletedDataType", deletion.dataType(), "recordsDeleted", removed)));
            }
            store.deleteDeletion(deletion.id());
        }
        return due.size();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private ConsentRow changed(ConsentRow row, ConsentTransitions.Change change, Instant now, UUID successor) {
        ConsentStatus to = ConsentTransitions.apply(row.status(), change);
        return new ConsentRow(row.id(), row.clientId(), row.companyId(), row.product(), row.sourceType(),
                row.connectionIds(), row.dataTypes(), row.text(), row.textSha256(), row.textVersion(), row.locale(),
                row.channel(), row.grantedBy(), row.ipAddress(), row.userAgent(), row.granted(), row.expires(),
                row.remind(), row.reminded(), to, now, row.revoked(), row.revokedBy(), row.revocationReason(),
                successor != null ? successor : row.supersededBy());
    }

    private ConsentRow require(UUID clientId, UUID companyId, UUID consentId, boolean lock) {
        companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        return store.find(clientId, companyId, consentId, lock).orElseThrow(() -> ApiException.notFound(
                "Company " + companyId + " has no consent " + consentId + "."));
    }

    private ConsentRecord view(ConsentRow r) {
        return new ConsentRecord(r.id().toString(), r.companyId().toString(), r.product(), r.sourceType(),
                r.connectionIds().stream().map(UUID::toString).toList(), r.dataTypes(), r.text(),
                HexFormat.of().formatHex(r.textSha256()), r.textVersion(), r.locale(), r.channel(), r.grantedBy(),
                r.ipAddress(), r.userAgent(), r.granted(), r.expires(), r.status(), r.statusChanged(), r.revoked(),
                r.revokedBy(), r.revocationReason(), r.supersededBy() == null ? null : r.supersededBy().toString(),
                store.reconfirmations(r.id()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
