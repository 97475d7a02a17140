package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentDataDeleted;
import dev.bridgekeeper.consent.ConsentExpired;
import dev.bridgekeeper.consent.ConsentExpiring;
import dev.bridgekeeper.consent.ConsentGranted;
import dev.bridgekeeper.consent.ConsentReconfirmed;
import dev.bridgekeeper.consent.ConsentRevoked;
import dev.bridgekeeper.consent.ConsentSuperseded;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes the consent events, each with the company the record belongs to, read here once so that no
 * listener has to read it again. Runs in the caller's transaction, which still holds the company (its consent
 * records go with it); the audit chain's listener appends in it too, so a change and its entry commit together.
 */
@Component
class ConsentAnnouncements {

    private final CompanyDirectory companies;
    private final ApplicationEventPublisher events;

    ConsentAnnouncements(CompanyDirectory companies, ApplicationEventPublisher events) {
        this.companies = companies;
        this.events = events;
    }

    void granted(ClientId clientId, Consent consent, Instant at) {
        events.publishEvent(new ConsentGranted(clientId, company(clientId, consent), consent, at));
    }

    void superseded(ClientId clientId, Consent consent, Instant at) {
        events.publishEvent(new ConsentSuperseded(clientId, company(clientId, consent), consent, at));
    }

    void reconfirmed(ClientId clientId, Consent consent, Instant at, Instant previousExpiresAt, ConsentChannel via) {
        events.publishEvent(new ConsentReconfirmed(clientId, company(clientId, consent), consent, at,
                previousExpiresAt, via));
    }

    void revoked(ClientId clientId, Consent consent, Instant at, String revokedVia, boolean deleteDataNow,
            List<ConnectionId> unlinked) {
        events.publishEvent(new ConsentRevoked(clientId, company(clientId, consent), consent, at, revokedVia,
                deleteDataNow, List.copyOf(unlinked)));
    }

    void dataDeleted(ClientId clientId, Consent consent, Instant at, ConnectionId connectionId, String dataType,
            int recordsDeleted) {
        events.publishEvent(new ConsentDataDeleted(clientId, company(clientId, consent), consent, at, connectionId,
                dataType, recordsDeleted));
    }

    void expiring(ClientId clientId, Consent consent, Instant at) {
        events.publishEvent(new ConsentExpiring(clientId, company(clientId, consent), consent, at));
    }

    void expired(ClientId clientId, Consent consent, Instant at) {
        events.publishEvent(new ConsentExpired(clientId, company(clientId, consent), consent, at));
    }

    private CompanyReference company(ClientId clientId, Consent consent) {
        return companies.require(clientId, consent.companyId());
    }
}
