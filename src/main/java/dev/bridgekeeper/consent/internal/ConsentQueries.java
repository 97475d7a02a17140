package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads consent records as {@link Consent}s. A page costs a fixed number of statements whatever its size: the
 * rows, their count, and the reconfirmations of all of them in one query.
 */
@Component
class ConsentQueries {

    private final ConsentStore store;
    private final CompanyDirectory companies;

    ConsentQueries(ConsentStore store, CompanyDirectory companies) {
        this.store = store;
        this.companies = companies;
    }

    /** Every record of the company, oldest first. */
    @Transactional(readOnly = true)
    List<Consent> list(ClientId clientId, CompanyId companyId) {
        companies.require(clientId, companyId);
        return consents(store.forCompany(clientId.value(), companyId.value()));
    }

    /** One page of the company's records, oldest first, with how many there are in all. */
    @Transactional(readOnly = true)
    Slice<Consent> page(ClientId clientId, CompanyId companyId, PageRequest page) {
        companies.require(clientId, companyId);
        return new Slice<>(consents(store.page(clientId.value(), companyId.value(), page.offset(), page.pageSize())),
                store.count(clientId.value(), companyId.value()));
    }

    @Transactional(readOnly = true)
    Consent get(ClientId clientId, CompanyId companyId, UUID consentId) {
        return consent(require(clientId, companyId, consentId, false));
    }

    /** The company's record, locked for a change when {@code lock}; a 404 naming both when there is none. */
    ConsentRow require(ClientId clientId, CompanyId companyId, UUID consentId, boolean lock) {
        companies.require(clientId, companyId);
        return store.find(clientId.value(), companyId.value(), consentId, lock).orElseThrow(() ->
                ApiException.notFound("Company " + companyId + " has no consent " + consentId + "."));
    }

    Consent consent(ConsentRow row) {
        return consents(List.of(row)).get(0);
    }

    List<Consent> consents(List<ConsentRow> rows) {
        Map<UUID, List<Consent.Reconfirmation>> reconfirmations = store.reconfirmations(
                rows.stream().map(ConsentRow::id).toList());
        return rows.stream().map(r -> r.toConsent(reconfirmations.getOrDefault(r.id(), List.of()))).toList();
    }
}
