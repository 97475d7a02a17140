package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.consent.ConsentRecords;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@link ConsentRecords} for other modules: the typed front door over the consent service. */
@Component
class ConsentRecordsFacade implements ConsentRecords {

    private final ConsentService consents;

    ConsentRecordsFacade(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public List<ConsentRecord> acceptInLink(ClientId clientId, CompanyId companyId, LinkAcceptance acceptance) {
        return consents.acceptInLink(clientId.value(), companyId.value(), acceptance);
    }

    @Override
    public List<PendingConsent> pendingInLink(ClientId clientId, CompanyId companyId) {
        return consents.pendingInLink(clientId.value(), companyId.value());
    }

    @Override
    public List<ConsentText> textsInLink(ClientId clientId, CompanyId companyId, String sourceType,
            String platformName) {
        return consents.textsInLink(clientId.value(), companyId.value(), sourceType, platformName);
    }

    @Override
    public List<ConsentRecord> list(ClientId clientId, CompanyId companyId) {
        return consents.list(clientId.value(), companyId.value());
    }
}
