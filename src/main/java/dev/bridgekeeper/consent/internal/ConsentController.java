package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
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
    private static final int MAX_TEXT = 20_000;
    private static final int MAX_FIELD = 500;

    private final ConsentService consents;
    private final ProductCatalog products;
    private final CompanyProducts companyProducts;
    private final ConnectionManagement connections;
    private final ConsentReceipts receipts;

    ConsentController(ConsentService consents, ProductCatalog products, CompanyProducts companyProducts,
            ConnectionManagement connections, ConsentReceipts receipts) {
        this.consents = consents;
        this.products = products;
        this.companyProducts = companyProducts;
        this.connections = connections;
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

    record GrantBody(String productIdentifier, String sourceType, List<String> connectionIds, List<String> dataTypes,
            String text, String textVersion, String locale, String channel, String ipAddress, String userAgent) {}

    record RevokeBody(String reason, String revokedBy, Boolean deleteData) {}

    record ReconfirmBody(String channel) {}

    @Operation(operationId = "create-consent", summary = "Record a consent",
            description = "For lenders with their own consent screen. Without \"text\" the product's configured"
                    + " texts are rendered and stored; with it, the text is stored exactly as sent. The consent"
                    + " covers the listed connections, or every connection of the source type when none is listed,"
                    + " and its data types start syncing at once on connections already linked.")
    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    ConsentRecord create(@PathVariable UUID companyId, @RequestBody GrantBody body) {
        Caller caller = Caller.current();
        return consents.grant(caller.clientId(), companyId, validate(caller.clientId(), companyId, body), "ApiKey");
    }

    @Operation(operationId = "list-consents", summary = "List a company's consent records",
            description = "Every record, oldest first, whatever its status: the history is the evidence.")
    @GetMapping(BASE)
    PagedResults<ConsentRecord> list(@PathVariable UUID companyId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize) {
        PageRequest request = PageRequest.of(page, pageSize);
        List<ConsentRecord> all = consents.list(Caller.current().clientId(), companyId);
        int from = (int) Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.pageSize());
        return PagedResults.of(all.subList(from, to), request, all.size(), "/companies/" + companyId + "/consents",
                Map.of());
    }

    @Operation(operationId = "get-consent", summary = "Get a consent record")
    @GetMapping(BASE + "/{consentId}")
    ConsentRecord get(@PathVariable UUID companyId, @PathVariable UUID consentId) {
        return consents.get(Caller.current().clientId(), companyId, consentId);
    }

    @Operation(operationId = "get-consent-receipt", summary = "Get a signed consent receipt",
            description = "The record's facts (the text by its SHA-256) as a compact JWS signed with the instance's"
                    + " key (ES256, typ consent-receipt+jwt), verifiable against /.well-known/jwks.json.")
    @GetMapping(BASE + "/{consentId}/receipt")
    ConsentReceipts.Receipt receipt(@PathVariable UUID companyId, @PathVariable UUID consentId) {
        UUID clientId = Caller.current().clientId();
        return receipts.issue(clientId, consents.get(clientId, companyId, consentId));
    }

    @Operation(operationId = "get-consent-revocation-impact", summary = "Show what revoking a consent would change",
            description = "Which products lose which data types, which connections stop syncing them or are"
                    + " unlinked, and when their cached data would be deleted. Changes nothing.")
    @GetMapping(BASE + "/{consentId}/impact")
    ConsentService.Impact impact(@PathVariable UUID companyId, @PathVariable UUID consentId) {
        return consents.impact(Caller.current().clientId(), companyId, consentId);
    }

    @Operation(operationId = "revoke-consent", summary = "Revoke a consent",
            description = "Data types no other active consent covers stop syncing; their cached records are deleted"
                    + " after the product's retention, or at once with \"deleteData\": true. A connection left"
                    + " without any active consent is unlinked and its tokens revoked at the platform.")
    @PostMapping(BASE + "/{consentId}/revoke")
    ConsentRecord revoke(@PathVariable UUID companyId, @PathVariable UUID consentId,
            @RequestBody(required = false) RevokeBody body) {
        Caller caller = Caller.current();
        ValidationErrors errors = new ValidationErrors();
        if (body != null) {
            limit(errors, "reason", body.reason());
            limit(errors, "revokedBy", body.revokedBy());
        }
        errors.throwIfAny();
        String by = body != null && body.revokedBy() != null && !body.revokedBy().isBlank() ? body.revokedBy().trim()
                : caller.kind() == Caller.Kind.COMPANY_TOKEN ? "CompanyToken" : "ApiKey";
        return consents.revoke(caller.clientId(), companyId, consentId, by, body == null ? null : body.reason(),
                body != null && Boolean.TRUE.equals(body.deleteData()));
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
                : channel(body.channel(), new ValidationErrors());
        return consents.reconfirm(caller.clientId(), companyId, consentId, channel);
    }

    private ConsentService.Grant validate(UUID clientId, UUID companyId, GrantBody body) {
        ValidationErrors errors = new ValidationErrors();
        if (body == null) {
            errors.reject("body", "The body must be a JSON object with \"productIdentifier\" and \"sourceType\".")
                    .throwIfAny();
        }
        Product product = null;
        if (body.productIdentifier() == null || body.productIdentifier().isBlank()) {
            errors.reject("productIdentifier", "\"productIdentifier\" is required, e.g. \"lending\".");
        } else {
            product = products.find(body.productIdentifier()).orElse(null);
            if (product == null) {
                errors.reject("productIdentifier", "\"" + body.productIdentifier() + "\" is not a product; use one of "
                        + products.all().stream().map(Product::identifier).collect(Collectors.joining(", ")) + ".");
            } else if (!companyProducts.products(ClientId.of(clientId), CompanyId.of(companyId))
                    .contains(product.identifier())) {
                errors.reject("productIdentifier", "Company " + companyId + " does not have the product \""
                        + product.identifier() + "\"; add it with PUT /companies/" + companyId + "/products/"
                        + product.identifier() + " first.");
            }
        }
        String sourceType = null;
        if (body.sourceType() == null || body.sourceType().isBlank()) {
            errors.reject("sourceType", "\"sourceType\" is required, e.g. \"Banking\".");
        } else {
            Optional<SourceType> type = ProductCatalog.sourceType(body.sourceType());
            if (type.isEmpty()) {
                errors.reject("sourceType", "\"sourceType\" must be one of " + ProductCatalog.sourceTypeNames() + ".");
            } else if (product != null && product.dataTypes(type.get().name()).isEmpty()) {
                errors.reject("sourceType", "The product \"" + product.identifier() + "\" does not use "
                        + type.get().name() + "; it uses " + String.join(", ", product.sourceTypes().keySet()) + ".");
            } else {
                sourceType = type.get().name();
            }
        }
        List<UUID> connectionIds = new ArrayList<>();
        if (body.connectionIds() != null) {
            for (String id : body.connectionIds()) {
                UUID connectionId = uuid(id);
                if (connectionId == null) {
                    errors.reject("connectionIds", "\"connectionIds\" must hold connection ids (UUIDs); \"" + id
                            + "\" is not one.");
                    continue;
                }
                DataConnection connection;
                try {
                    connection = connections.get(ClientId.of(clientId), CompanyId.of(companyId),
                            ConnectionId.of(connectionId));
                } catch (ApiException notFound) {
                    errors.reject("connectionIds", "Company " + companyId + " has no connection " + id + ".");
                    continue;
                }
                if (sourceType != null && !sourceType.equals(connection.sourceType())) {
                    errors.reject("connectionIds", "Connection " + id + " is a " + connection.sourceType()
                            + " connection, not " + sourceType + ".");
                }
                if (!connectionIds.contains(connectionId)) {
                    connectionIds.add(connectionId);
                }
            }
        }
        List<String> dataTypes = product == null || sourceType == null ? List.of() : product.dataTypes(sourceType);
        if (body.dataTypes() != null && product != null && sourceType != null) {
            if (body.dataTypes().isEmpty()) {
                errors.reject("dataTypes", "\"dataTypes\" must name at least one data type, or be left out.");
            }
            for (String dataType : body.dataTypes()) {
                if (!dataTypes.contains(dataType)) {
                    errors.reject("dataTypes", "\"" + dataType + "\" is not a " + sourceType + " data type of the"
                            + " product \"" + product.identifier() + "\"; use any of " + String.join(", ", dataTypes)
                            + ".");
                }
            }
            dataTypes = body.dataTypes().stream().distinct().toList();
        }
        if (body.text() != null && body.text().isBlank()) {
            errors.reject("text", "\"text\" must not be blank; leave it out to store the product's texts.");
        } else if (body.text() != null && body.text().length() > MAX_TEXT) {
            errors.reject("text", "\"text\" can be at most " + MAX_TEXT + " characters.");
        }
        limit(errors, "textVersion", body.textVersion());
        limit(errors, "locale", body.locale());
        limit(errors, "ipAddress", body.ipAddress());
        limit(errors, "userAgent", body.userAgent());
        ConsentChannel channel = body.channel() == null ? ConsentChannel.Api : channel(body.channel(), errors);
        errors.throwIfAny();
        return new ConsentService.Grant(product, sourceType, List.copyOf(connectionIds), dataTypes, body.text(),
                body.textVersion(), body.locale(), channel, body.ipAddress(), body.userAgent());
    }

    private static ConsentChannel channel(String value, ValidationErrors errors) {
        for (ConsentChannel channel : ConsentChannel.values()) {
            if (channel.name().equalsIgnoreCase(value.trim())) {
                return channel;
            }
        }
        errors.reject("channel", "\"channel\" must be one of " + Arrays.stream(ConsentChannel.values())
                .map(Enum::name).collect(Collectors.joining(", ")) + ".").throwIfAny();
        return null;
    }

    private static void limit(ValidationErrors errors, String field, String value) {
        if (value != null && value.length() > MAX_FIELD) {
            errors.reject(field, "\"" + field + "\" can be at most " + MAX_FIELD + " characters.");
        }
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
