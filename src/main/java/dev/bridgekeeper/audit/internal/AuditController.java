package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.audit.ChainVerification;
import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /companies/{companyId}/consents/audit}: a company's consent audit chain and its check.
 * API keys only. A deleted company's chain stays readable: it is the lender's proof after the fact.
 */
@RestController
@Tag(name = "Consents")
class AuditController {

    private final ChainedAuditTrail trail;
    private final CompanyDirectory companies;

    AuditController(ChainedAuditTrail trail, CompanyDirectory companies) {
        this.trail = trail;
        this.companies = companies;
    }

    @Operation(operationId = "list-consent-audit-entries", summary = "List the consent audit log",
            description = "The company's consent events in the order they happened, each with the hash that chains it"
                    + " to the one before. The README's \"Consent proof\" section tells how to recompute the hashes.")
    @GetMapping("/companies/{companyId}/consents/audit")
    PagedResults<AuditEntry> entries(@PathVariable UUID companyId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize) {
        ClientId clientId = requireKnown(companyId);
        PageRequest request = PageRequest.of(page, pageSize);
        return trail.entries(clientId, CompanyId.of(companyId), request)
                .toPagedResults(request, "/companies/" + companyId + "/consents/audit", Map.of());
    }

    @Operation(operationId = "verify-consent-audit-log", summary = "Verify the consent audit log",
            description = "Recomputes every entry's hash and link. When an entry was changed, removed or slipped in,"
                    + " \"intact\" is false and the first such entry is named with what is wrong.")
    @GetMapping("/companies/{companyId}/consents/audit/verify")
    ChainVerification verify(@PathVariable UUID companyId) {
        return trail.verify(requireKnown(companyId), CompanyId.of(companyId));
    }

    /** The company must be the caller's, or have been: a deleted company's chain is kept. */
    private ClientId requireKnown(UUID companyId) {
        ClientId clientId = Caller.current().client();
        if (!trail.hasChain(clientId, CompanyId.of(companyId))) {
            companies.require(clientId, CompanyId.of(companyId));
        }
        return clientId;
    }
}
