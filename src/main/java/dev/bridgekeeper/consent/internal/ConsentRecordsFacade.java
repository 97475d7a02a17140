package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentRecords;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link ConsentRecords} for other modules: granting, coverage and reading, in domain terms. */
@Component
class ConsentRecordsFacade implements ConsentRecords {

    private final ConsentGranting granting;
    private final ConsentCoverage coverage;
    private final ConsentQueries queries;
    private final ConsentWording wording;
    private final CompanyDirectory companies;

    ConsentRecordsFacade(ConsentGranting granting, ConsentCoverage coverage, ConsentQueries queries,
            ConsentWording wording, CompanyDirectory companies) {
        this.granting = granting;
        this.coverage = coverage;
        this.queries = queries;
        this.wording = wording;
        this.companies = companies;
    }

    @Override
    public List<Consent> acceptInLink(ClientId clientId, CompanyId companyId, LinkAcceptance acceptance) {
        return granting.acceptInLink(clientId, companyId, acceptance);
    }

    @Override
    public List<PendingConsent> pendingInLink(ClientId clientId, CompanyId companyId) {
        return coverage.pending(clientId, companyId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ConsentText> textsInLink(ClientId clientId, CompanyId companyId, String sourceType,
            String platformName) {
        return wording.forCompany(clientId, companies.require(clientId, companyId), sourceType, platformName);
    }

    @Override
    public List<Consent> list(ClientId clientId, CompanyId companyId) {
        return queries.list(clientId, companyId);
    }
}
