package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /companies/{companyId}/consents}: Bridgekeeper's consent records (Codat has none). Lenders with their
 * own consent screens record consents here; the customer's company token may read, revoke and reconfirm them.
 */
@RestController
@Tag(name = "Consents", description = "Consent records per company, product and connection (Bridgekeeper extension)")
class ConsentController implements CompanyScopedEndpoints {

    static final String BASE = "/companies/{companyId}/consents";
    /** What a company token's revocation is recorded as: the customer's own, never someone else's. */
    static final String COMPANY_TOKEN = "CompanyToken";

    private final ConsentGranting granting;
    private final ConsentQueries queries;
    private final ConsentRevocation revocation;
    private final ConsentReconfirmation reconfirmation;
    private final ConsentReceipts receipts;

    ConsentController(ConsentGranting granting, ConsentQueries queries, ConsentRevocation revocation,
            ConsentReconfirmation reconfirmation, ConsentReceipts receipts) {
        this.granting = granting;
        this.queries = queries;
        this.revocation = revocation;
        this.reconfirmation = reconfirmation;
        this.receipts = receipts;
    }

    @Override
    public List<Endpoint> endpoints() {
        // only consent ids (UUIDs): /consents/audit, the lender's audit log, stays API-key only
        String consent = BASE + "/{consentId:[0-9a-fA-F-]{36}}";
        return List.of(new Endpoint(HttpMethod.GET, BASE),
                new Endpoint(HttpMethod.GET, consent),
                new Endpoint(HttpMethod.GET, consent + "/impact"),
                new Endpoint(HttpMethod.GET, consent + "/receipt"),
                new Endpoint(HttpMethod.POST, consent + "/revoke"),
                new Endpoint(HttpMethod.POST, consent + "/reconfirm"));
    }

    record RevokeBody(String reason, String revokedBy, Boolean deleteData) {}

    record ReconfirmBody(String channel) {}

    @Operation(operationId = "create-consent", summary = "Record a consent",
            description = "For lenders with their own consent screen. Without \"text\" the product's configured"
                    + " texts are rendered and stored under the product's textVersion; with it, the text is stored"
                    + " exactly as sent, without a textVersion, or under the product's textVersion only when it is"
                    + " exactly that rendered text (else a 400 naming \"text\"). The consent"
                    + " covers the listed connections, or every connection of the source type when none is listed,"
                    + " and its data types start syncing at once on connections already linked.")
    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    ConsentRecord create(@PathVariable UUID companyId, @RequestBody GrantBody body) {
        return ConsentRecord.of(granting.grant(Caller.current().client(), CompanyId.of(companyId), body));
    }

    @Operation(operationId = "list-consents", summary = "List a company's consent records",
            description = "Every record, oldest first, whatever its status: the history is the evidence.")
    @GetMapping(BASE)
    PagedResults<ConsentRecord> list(@PathVariable UUID companyId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize) {
        PageRequest request = PageRequest.of(page, pageSize);
        return queries.page(Caller.current().client(), CompanyId.of(companyId), request).map(ConsentRecord::of)
                .toPagedResults(request, "/companies/" + companyId + "/consents", Map.of());
    }

    @Operation(operationId = "get-consent", summary = "Get a consent record")
    @GetMapping(BASE + "/{consentId}")
    ConsentRecord get(@PathVariable UUID companyId, @PathVariable UUID consentId) {
        return ConsentRecord.of(queries.get(Caller.current().client(), CompanyId.of(companyId), consentId));
    }

    @Operation(operationId = "get-consent-receipt", summary = "Get a signed consent receipt",
            description = "The consent as granted (the text by its SHA-256, who granted it) as a compact JWS signed"
                    + " with the instance's key (ES256, typ consent-receipt+jwt) when it was granted and kept since,"
                    + " verifiable against /.well-known/jwks.json. Later changes are in the audit chain.")
    @GetMapping(BASE + "/{consentId}/receipt")
    ConsentReceipts.Receipt receipt(@PathVariable UUID companyId, @PathVariable UUID consentId) {
        return receipts.stored(queries.get(Caller.current().client(), CompanyId.of(companyId), consentId));
    }

    @Operation(operationId = "get-consent-revocation-impact", summary = "Show what revoking a consent would change",
            description = "Which products lose which data types, which connections stop syncing them or are"
                    + " unlinked, and when their cached data would be deleted. Changes nothing.")
    @GetMapping(BASE + "/{consentId}/impact")
    ConsentRevocation.Impact impact(@PathVariable UUID companyId, @PathVariable UUID consentId) {
        return revocation.impact(Caller.current().client(), CompanyId.of(companyId), consentId);
    }

    @Operation(operationId = "revoke-consent", summary = "Revoke a consent",
            description = "Data types no other active consent covers stop syncing; their cached records are deleted"
                    + " after the product's retention, or at once with \"deleteData\": true. A connection left"
                    + " without any active consent is unlinked and its tokens revoked at the platform. A company"
                    + " token revokes as the customer (revokedBy CompanyToken); only an API key may name another.")
    @PostMapping(BASE + "/{consentId}/revoke")
    ConsentRecord revoke(@PathVariable UUID companyId, @PathVariable UUID consentId,
            @RequestBody(required = false) RevokeBody body) {
        Caller caller = Caller.current();
        ValidationErrors errors = new ValidationErrors();
        String claimed = body == null || body.revokedBy() == null || body.revokedBy().isBlank() ? null
                : body.revokedBy().trim();
        if (body != null) {
            GrantValidator.limit(errors, "reason", body.reason());
            GrantValidator.limit(errors, "revokedBy", body.revokedBy());
        }
        String via = caller.kind() == Caller.Kind.COMPANY_TOKEN ? COMPANY_TOKEN : "ApiKey";
        // the customer's token speaks only for the customer; the lender's key may name who asked it to revoke
        if (via.equals(COMPANY_TOKEN) && claimed != null && !claimed.equals(COMPANY_TOKEN)) {
            errors.reject("revokedBy", "A company token revokes as the customer, recorded as \"CompanyToken\";"
                    + " leave \"revokedBy\" out.");
        }
        errors.throwIfAny();
        return ConsentRecord.of(revocation.revoke(caller.client(), CompanyId.of(companyId), consentId, via,
                claimed != null ? claimed : via, body == null ? null : body.reason(),
                body != null && Boolean.TRUE.equals(body.deleteData())));
    }

    @Operation(operationId = "reconfirm-consent", summary = "Reconfirm a consent",
            description = "Extends an Active or Expired consent by its policy's duration from now, keeping the old"
                    + " end in \"reconfirmations\". Needs no new sign-in at the platform while its tokens are valid.")
    @PostMapping(BASE + "/{consentId}/reconfirm")
    ConsentRecord reconfirm(@PathVariable UUID companyId, @PathVariable UUID consentId,
            @RequestBody(required = false) ReconfirmBody body) {
        Caller caller = Caller.current();
        ConsentChannel channel = body == null || body.channel() == null
                ? (caller.kind() == Caller.Kind.COMPANY_TOKEN ? ConsentChannel.Link : ConsentChannel.Api)
                : GrantValidator.channel(body.channel(), new ValidationErrors());
        return ConsentRecord.of(reconfirmation.reconfirm(caller.client(), CompanyId.of(companyId), consentId,
                channel));
    }
}
