package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.consent.ConsentExpired;
import dev.bridgekeeper.consent.ConsentExpiring;
import dev.bridgekeeper.consent.ConsentGranted;
import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.consent.ConsentRevoked;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes the consent events, each with the company the record belongs to, read here once so that no
 * listener has to read it again. Runs in the caller's transaction, which still holds the company (its consent
 * records go with it).
 */
@Component
class ConsentAnnouncements {

    private final CompanyDirectory companies;
    private final ApplicationEventPublisher events;

    ConsentAnnouncements(CompanyDirectory companies, ApplicationEventPublisher events) {
        this.companies = companies;
        this.events = events;
    }

    void granted(UUID clientId, ConsentRecord consent, Instant at) {
        events.publishEvent(new ConsentGranted(ClientId.of(clientId), company(clientId, consent), consent, at));
    }

    void revoked(UUID clientId, ConsentRecord consent, Instant at) {
        events.publishEvent(new ConsentRevoked(ClientId.of(clientId), company(clientId, consent), consent, at));
    }

    void expiring(UUID clientId, ConsentRecord consent, Instant at) {
        events.publishEvent(new ConsentExpiring(ClientId.of(clientId), company(clientId, consent), consent, at));
    }

    void expired(UUID clientId, ConsentRecord consent, Instant at) {
        events.publishEvent(new ConsentExpired(ClientId.of(clientId), company(clientId, consent), consent, at));
    }

    private CompanyReference company(UUID clientId, ConsentRecord consent) {
        return companies.require(ClientId.of(clientId), CompanyId.of(consent.companyId()));
    }
}
