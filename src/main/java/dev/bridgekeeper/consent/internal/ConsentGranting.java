package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentRecords.LinkAcceptance;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.crypto.Digests;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.sync.DataSync;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records consents, from the API and from Link through the same {@link GrantValidator}: writes the record,
 * supersedes the one it repeats, signs and keeps its receipt, publishes {@code ConsentGranted} (the audit chain
 * and webhooks follow from it) and queues the newly covered data types, all in one transaction.
 */
@Service
class ConsentGranting {

    private final GrantValidator validator;
    private final ConsentStore store;
    private final ConsentQueries queries;
    private final ProductCatalog products;
    private final ProductProperties properties;
    private final ConsentReceipts receipts;
    private final ConsentAnnouncements announce;
    private final DataSync sync;
    private final Clock clock;

    ConsentGranting(GrantValidator validator, ConsentStore store, ConsentQueries queries, ProductCatalog products,
            ProductProperties properties, ConsentReceipts receipts, ConsentAnnouncements announce, DataSync sync,
            Clock clock) {
        this.validator = validator;
        this.store = store;
        this.queries = queries;
        this.products = products;
        this.properties = properties;
        this.receipts = receipts;
        this.announce = announce;
        this.sync = sync;
        this.clock = clock;
    }

    /** A consent given on the lender's own screen (or one it relays), checked against the company's products. */
    @Transactional
    Consent grant(ClientId clientId, CompanyId companyId, GrantBody body) {
        return record(clientId, companyId, validator.api(clientId, companyId, body));
    }

    /** What the customer accepted in Link: one record per product that uses the source type. */
    @Transactional
    List<Consent> acceptInLink(ClientId clientId, CompanyId companyId, LinkAcceptance acceptance) {
        List<Consent> recorded = new ArrayList<>();
        for (Grant grant : validator.link(clientId, companyId, acceptance)) {
            recorded.add(record(clientId, companyId, grant));
        }
        return recorded;
    }

    private Consent record(ClientId clientId, CompanyId companyId, Grant grant) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Product product = grant.product();
        Product.ConsentPolicy policy = product == null ? products.defaultPolicy() : product.consentPolicy();
        Instant expires = now.plus(policy.durationFor(grant.sourceType()));
        boolean details = properties.consent().recordClientDetails();
        ConsentRow row = new ConsentRow(UUID.randomUUID(), clientId.value(), companyId.value(),
                product == null ? null : product.identifier(), grant.sourceType(), List.copyOf(grant.connectionIds()),
                List.copyOf(grant.dataTypes()), grant.text(), Digests.sha256(grant.text()), grant.textVersion(),
                grant.locale(), grant.channel(), grant.grantedBy(), details ? grant.ipAddress() : null,
                details ? grant.userAgent() : null, now, expires, expires.minus(policy.reminderLeadTime()), null,
                ConsentStatus.Active, now, null, null, null, null);
        List<ConsentRow> before = store.activeForCompany(clientId.value(), companyId.value());
        store.insert(row);
        // a new consent for the same product, source type and connections replaces the one it repeats
        for (ConsentRow old : before) {
            if (Objects.equals(old.product(), row.product()) && old.sourceType().equals(row.sourceType())
                    && (row.connectionIds().isEmpty() || (!old.connectionIds().isEmpty()
                            && row.connectionIds().containsAll(old.connectionIds())))) {
                ConsentRow superseded = old.changed(ConsentTransitions.Change.SUPERSEDE, now, row.id());
                store.update(superseded);
                announce.superseded(clientId, queries.consent(superseded), now);
            }
        }
        for (UUID connectionId : row.connectionIds()) {
            store.cancelDeletions(clientId.value(), connectionId, row.dataTypes());
        }
        Consent consent = row.toConsent(List.of());
        receipts.issue(clientId, consent, product);
        announce.granted(clientId, consent, now);
        if (product != null && !row.dataTypes().isEmpty()) {
            // newly covered data types sync now on connections already linked: no new sign-in at the platform
            sync.queueDataTypes(clientId, companyId, row.dataTypes());
        }
        return consent;
    }
}
