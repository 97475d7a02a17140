package dev.bridgekeeper.link;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connection.DataConnectionError;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentRecords;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import dev.bridgekeeper.platform.web.PublicUrl;
import dev.bridgekeeper.settings.Profile;
import dev.bridgekeeper.settings.ProfileSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The small API behind the Link UI, called from the customer's browser with the company access
 * token. An API key of the same client may call it too (a lender's back end proxying for its own
 * page sees nothing it could not already see); each consent records which kind of caller sent it.
 */
@RestController
@Tag(name = "Link", description = "Endpoints the Link UI calls with a company access token")
class LinkApiController implements CompanyScopedEndpoints {

    static final String BASE = "/link/api/companies/{companyId}";
    private static final int MAX_CONSENT_TEXT = 20_000;
    private static final int MAX_LABEL = 100;
    private static final Pattern RETURN_PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final CompanyDirectory companies;
    private final ProfileSettings profiles;
    private final IntegrationCatalog catalog;
    private final ConnectionManagement connections;
    private final ConsentRecords consents;
    private final PublicUrl publicUrl;

    LinkApiController(CompanyDirectory companies, ProfileSettings profiles, IntegrationCatalog catalog,
            ConnectionManagement connections, ConsentRecords consents, PublicUrl publicUrl) {
        this.companies = companies;
        this.profiles = profiles;
        this.catalog = catalog;
        this.connections = connections;
        this.consents = consents;
        this.publicUrl = publicUrl;
    }

    @Override
    public List<Endpoint> endpoints() {
        // the journey's endpoints are the only ones a Hosted Link token reaches; the pending consents list the
        // company's linked connections, which Hosted Link does not ask about, so they stay with full tokens
        return List.of(Endpoint.forJourney(HttpMethod.GET, BASE),
                Endpoint.forJourney(HttpMethod.GET, BASE + "/integrations"),
                Endpoint.forJourney(HttpMethod.POST, BASE + "/connections"),
                Endpoint.forJourney(HttpMethod.GET, BASE + "/connections/{connectionId}"),
                Endpoint.forJourney(HttpMethod.POST, BASE + "/consents"),
                new Endpoint(HttpMethod.GET, BASE + "/consents/pending"),
                Endpoint.forJourney(HttpMethod.GET, BASE + "/consentTexts"));
    }

    /**
     * The lender as the customer sees it. {@code name} is absent until the profile is named (the journey then
     * says "your lender"); {@code supportEmail} and {@code privacyPolicyUrl} only when the profile has them.
     */
    record Lender(String name, String logoUrl, String supportEmail, String privacyPolicyUrl) {}

    /**
     * {@code returnUrl}: where Hosted Link's Done sends the customer, the profile's redirect with
     * {@code {companyId}} and {@code {statusCode}} (200) filled in; absent without a redirect on the allow list.
     */
    record LinkCompany(String companyId, String companyName, Lender lender, String returnUrl) {}

    /** {@code logoUrl} is the platform's wide logo, {@code iconUrl} its square icon (for small tiles). */
    record LinkIntegration(String key, String name, String logoUrl, String iconUrl, String sourceType, boolean sandbox,
            List<String> dataTypes) {}

    record NewConnection(String platformKey) {}

    /** A connection as the journey needs it: its state, the last problem and who authorised it. */
    record LinkConnection(String id, String integrationId, String integrationKey, String sourceId, String sourceType,
            String platformName, String linkUrl, ConnectionStatus status, String organisationName, int errorCount,
            LastError lastError) {}

    record LastError(String statusCode, String errorMessage, Instant erroredOnUtc) {}

    /**
     * {@code textVersion}, {@code locale} and {@code channel} (Link or HostedLink) are optional;
     * {@code productIdentifier} records the consent for that one product only (an additional consent).
     */
    record NewConsent(String connectionId, String sourceType, String text, String textVersion, String locale,
            String channel, String productIdentifier) {}

    /** The first consent record written ({@code id}) and all of them: one per product that uses the source type. */
    record RecordedConsent(String id, String textSha256, Instant acceptedUtc, List<String> consentIds) {}

    @Operation(operationId = "get-link-company", summary = "Get what the Link UI shows about the company",
            description = "The company's name; the lender's name, logo, support address and privacy policy; and"
                    + " returnUrl, where Hosted Link's Done sends the customer.")
    @GetMapping(BASE)
    LinkCompany company(@PathVariable UUID companyId) {
        ClientId clientId = Caller.current().client();
        CompanyReference company = companies.require(clientId, CompanyId.of(companyId));
        Profile profile = profiles.profile(clientId);
        String name = profile.name() == null || profile.name().isBlank() ? null : profile.name();
        return new LinkCompany(company.id().toString(), company.name(),
                new Lender(name, profile.logoUrl(), profile.supportEmail(), profile.privacyPolicyUrl()),
                returnUrl(profile, company.id()));
    }

    /** The profile's redirect for a finished journey, when it has one and it is on the allow list. */
    private static String returnUrl(Profile profile, CompanyId company) {
        String template = profile.redirectUrl();
        if (template == null || template.isBlank()) {
            return null;
        }
        Map<String, String> values = Map.of("companyId", company.value().toString(), "statusCode", "200",
                "statusText", "OK");
        // per-connection placeholders mean nothing once the whole journey is done: they are left empty
        String filled = RETURN_PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                URLEncoder.encode(values.getOrDefault(m.group(1), ""), StandardCharsets.UTF_8).replace("+", "%20")));
        try {
            return profile.allowsRedirectTo(URI.create(filled)) ? filled : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Operation(operationId = "list-link-integrations", summary = "List the integrations the customer may pick")
    @GetMapping(BASE + "/integrations")
    List<LinkIntegration> integrations(@PathVariable UUID companyId,
            @Parameter(description = "Only this source type, e.g. Accounting") @RequestParam(required = false)
            String sourceType,
            @Parameter(description = "Include the sandbox platforms") @RequestParam(defaultValue = "true")
            boolean showSandboxIntegrations,
            @Parameter(description = "Comma-separated platform keys to allow, e.g. sbac,xero")
            @RequestParam(required = false) String allowedIntegrations) {
        companies.require(Caller.current().client(), CompanyId.of(companyId));
        SourceType type = sourceType == null || sourceType.isBlank() ? null : sourceType(sourceType, "sourceType");
        Set<String> allowed = allowedIntegrations == null || allowedIntegrations.isBlank() ? null
                : Arrays.stream(allowedIntegrations.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ClientId client = Caller.current().client();
        return catalog.all().stream()
                .filter(i -> catalog.unavailableReason(client, i.key()).isEmpty()) // switched on, with app credentials
                .filter(i -> !i.auth().upload()) // uploads have their own way in, not the platform list
                .filter(i -> type == null || i.sourceType() == type)
                .filter(i -> showSandboxIntegrations || !i.sandbox())
                .filter(i -> allowed == null || allowed.contains(i.key().toLowerCase(Locale.ROOT)))
                .map(i -> new LinkIntegration(i.key(), i.name(), branding(i, Integration.Branding::logo),
                        branding(i, Integration.Branding::icon), i.sourceType().name(), i.sandbox(),
                        List.copyOf(i.dataTypes().keySet())))
                .toList();
    }

    private String branding(Integration integration, Function<Integration.Branding, String> image) {
        String file = integration.branding() == null ? null : image.apply(integration.branding());
        return file == null ? null : publicUrl.resolve("/branding/" + integration.key() + "/" + file);
    }

    @Operation(operationId = "create-link-connection", summary = "Start connecting a platform",
            description = "Creates a connection, or returns the company's pending one for the same platform so a"
                    + " customer who tries again does not leave abandoned connections behind.")
    @PostMapping(BASE + "/connections")
    LinkConnection createConnection(@PathVariable UUID companyId, @RequestBody NewConnection body) {
        if (body == null || body.platformKey() == null || body.platformKey().isBlank()) {
            new ValidationErrors().reject("platformKey", "\"platformKey\" is required, e.g. \"sbac\".").throwIfAny();
        }
        ClientId clientId = Caller.current().client();
        CompanyId company = CompanyId.of(companyId);
        String key = body.platformKey().trim();
        DataConnection pending = connections.all(clientId, company).stream()
                .filter(c -> c.status() == ConnectionStatus.PendingAuth && key.equalsIgnoreCase(c.platformKey()))
                .findFirst().orElse(null);
        return view(pending != null ? pending : connections.create(clientId, company, key));
    }

    @Operation(operationId = "get-link-connection", summary = "Get a connection's state while the customer links it")
    @GetMapping(BASE + "/connections/{connectionId}")
    LinkConnection connection(@PathVariable UUID companyId, @PathVariable UUID connectionId) {
        return view(connections.get(Caller.current().client(), CompanyId.of(companyId),
                ConnectionId.of(connectionId)));
    }

    @Operation(operationId = "record-link-consent", summary = "Record the consent text the customer accepted",
            description = "Stores the exact text shown with its SHA-256 before the customer leaves for the platform,"
                    + " as a consent record for each of the company's products that uses the source type (see"
                    + " GET /companies/{companyId}/consents). With textVersion the text must hold each product's text"
                    + " as consentTexts serves it, and version and locale must be the product's; without it the text"
                    + " is the page's own wording and the records have no version.")
    @PostMapping(BASE + "/consents")
    @ResponseStatus(HttpStatus.CREATED)
    RecordedConsent recordConsent(@PathVariable UUID companyId, @RequestBody NewConsent body,
            HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        if (body == null) {
            errors.reject("body", "The body must be a JSON object with \"sourceType\" and \"text\".").throwIfAny();
        }
        if (body.text() == null || body.text().isBlank()) {
            errors.reject("text", "\"text\" is required: the consent text exactly as the customer saw it.");
        } else if (body.text().length() > MAX_CONSENT_TEXT) {
            errors.reject("text", "\"text\" can be at most " + MAX_CONSENT_TEXT + " characters.");
        }
        if (body.sourceType() == null || body.sourceType().isBlank()) {
            errors.reject("sourceType", "\"sourceType\" is required, e.g. \"Accounting\".");
        }
        ConnectionId connectionId = null;
        if (body.connectionId() != null) {
            try {
                connectionId = ConnectionId.of(UUID.fromString(body.connectionId()));
            } catch (IllegalArgumentException e) {
                errors.reject("connectionId", "\"connectionId\" must be a connection id (a UUID).");
            }
        }
        for (Map.Entry<String, String> field : Map.of("textVersion", String.valueOf(body.textVersion()), "locale",
                String.valueOf(body.locale())).entrySet()) {
            if (field.getValue().length() > MAX_LABEL) {
                errors.reject(field.getKey(), "\"" + field.getKey() + "\" can be at most " + MAX_LABEL + " characters.");
            }
        }
        Caller caller = Caller.current();
        // the Hosted Link page's token says where the customer is; the body cannot claim otherwise
        ConsentChannel channel = caller.hostedLink() ? ConsentChannel.HostedLink : ConsentChannel.Link;
        if (body.channel() != null) {
            if (!body.channel().equalsIgnoreCase("Link") && !body.channel().equalsIgnoreCase("HostedLink")) {
                errors.reject("channel", "\"channel\" must be Link or HostedLink.");
            } else if (!caller.hostedLink()) {
                channel = body.channel().equalsIgnoreCase("Link") ? ConsentChannel.Link : ConsentChannel.HostedLink;
            }
        }
        errors.throwIfAny();
        SourceType type = sourceType(body.sourceType(), "sourceType");
        companies.require(caller.client(), CompanyId.of(companyId));
        if (connectionId != null) {
            connections.get(caller.client(), CompanyId.of(companyId), connectionId);
        }
        List<Consent> recorded = consents.acceptInLink(caller.client(), CompanyId.of(companyId),
                new ConsentRecords.LinkAcceptance(connectionId, type.name(), body.text(), body.textVersion(),
                        body.locale(), channel, caller.kind() == Caller.Kind.COMPANY_TOKEN ? "CompanyToken" : "ApiKey",
                        request.getRemoteAddr(), request.getHeader("User-Agent"),
                        body.productIdentifier() == null || body.productIdentifier().isBlank() ? null
                                : body.productIdentifier().trim()));
        Consent first = recorded.get(0);
        return new RecordedConsent(first.id().toString(), first.textSha256(), first.grantedAt(),
                recorded.stream().map(c -> c.id().toString()).toList());
    }

    @Operation(operationId = "list-link-pending-consents", summary = "List the consents still needed on linked connections",
            description = "For each Linked connection, the company's products that use its source type but have no"
                    + " Active consent covering it (e.g. the company took a loan after onboarding). The Link UI asks"
                    + " for these with enableAdditionalConsent and records each with POST .../consents and the"
                    + " productIdentifier: no new sign-in at the platform.")
    @GetMapping(BASE + "/consents/pending")
    List<ConsentRecords.PendingConsent> pendingConsents(@PathVariable UUID companyId) {
        return consents.pendingInLink(Caller.current().client(), CompanyId.of(companyId));
    }

    @Operation(operationId = "list-link-consent-texts", summary = "Get the consent texts of the company's products",
            description = "For each of the company's products that uses the source type, its configured consent"
                    + " sections rendered for this company (as for consents granted through the API), their text"
                    + " version and locale, and the joined text a consent record stores. The Link UI shows these"
                    + " instead of its built-in wording and records each with POST .../consents, the product's"
                    + " textVersion, locale and productIdentifier. Empty when no product of the company uses the"
                    + " source type.")
    @GetMapping(BASE + "/consentTexts")
    List<ConsentRecords.ConsentText> consentTexts(@PathVariable UUID companyId,
            @Parameter(description = "The source type about to be connected, e.g. Banking") @RequestParam(required = false)
            String sourceType,
            @Parameter(description = "The platform the customer picked, e.g. sbbk: its name fills {platformName}")
            @RequestParam(required = false) String platformKey) {
        if (sourceType == null || sourceType.isBlank()) {
            throw ApiException.badRequest("sourceType", "\"sourceType\" is required, e.g. \"Banking\".");
        }
        SourceType type = sourceType(sourceType, "sourceType");
        String platformName = null;
        if (platformKey != null && !platformKey.isBlank()) {
            platformName = catalog.find(platformKey.trim()).map(Integration::name).orElseThrow(() ->
                    ApiException.badRequest("platformKey", "\"platformKey\" names no integration: " + platformKey.trim()
                            + "."));
        }
        return consents.textsInLink(Caller.current().client(), CompanyId.of(companyId), type.name(), platformName);
    }

    private static SourceType sourceType(String value, String field) {
        for (SourceType type : SourceType.values()) {
            if (type.name().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw ApiException.badRequest(field, "\"" + field + "\" must be one of "
                + Arrays.stream(SourceType.values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
    }

    private static LinkConnection view(DataConnection c) {
        List<DataConnectionError> errors = c.errors() == null ? List.of() : c.errors();
        DataConnectionError last = errors.isEmpty() ? null : errors.get(errors.size() - 1);
        Map<String, Object> info = c.connectionInfo();
        Object organisation = info == null ? null : info.get("organisationName");
        return new LinkConnection(c.id().toString(), c.integrationId().toString(), c.platformKey(),
                c.sourceId().toString(), c.sourceType(),
                c.platformName(), c.linkUrl(), c.status(), organisation == null ? null : organisation.toString(),
                errors.size(), last == null ? null
                        : new LastError(last.statusCode(), last.errorMessage(), last.erroredOnUtc()));
    }
}
