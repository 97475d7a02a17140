package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.sync.DataSync;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The customer keeps a consent going: an Active or Expired one lasts its policy's duration from now again. */
@Service
class ConsentReconfirmation {

    private final ConsentQueries queries;
    private final ConsentStore store;
    private final ProductCatalog products;
    private final ConsentAnnouncements announce;
    private final DataSync sync;
    private final Clock clock;

    ConsentReconfirmation(ConsentQueries queries, ConsentStore store, ProductCatalog products,
            ConsentAnnouncements announce, DataSync sync, Clock clock) {
        this.queries = queries;
        this.store = store;
        this.products = products;
        this.announce = announce;
        this.sync = sync;
        this.clock = clock;
    }

    /** Extends the consent by its policy's duration from now; its reconfirmations keep the old end. */
    @Transactional
    Consent reconfirm(ClientId clientId, CompanyId companyId, UUID consentId, ConsentChannel channel) {
        ConsentRow row = queries.require(clientId, companyId, consentId, true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ConsentStatus status = ConsentTransitions.apply(row.status(), ConsentTransitions.Change.RECONFIRM);
        Product product = row.product() == null ? null : products.find(row.product()).orElse(null);
        Product.ConsentPolicy policy = product == null ? products.defaultPolicy() : product.consentPolicy();
        Instant expires = now.plus(policy.durationFor(row.sourceType()));
        ConsentRow extended = row.extended(status, expires, expires.minus(policy.reminderLeadTime()), now);
        store.update(extended);
        store.insertReconfirmation(row.id(), now, row.expires(), expires, channel);
        Consent consent = queries.consent(extended);
        announce.reconfirmed(clientId, consent, now, row.expires(), channel);
        if (row.status() == ConsentStatus.Expired && product != null) {
            sync.queueDataTypes(clientId, companyId, row.dataTypes());
        }
        return consent;
    }
}
