package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentRecords.LinkAcceptance;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The one gate every consent passes, from the API and from Link alike: the company must have the product and the
 * product must use the source type, the connections must be the company's and of that type, the data types the
 * product's, and a text that claims a product's text version must be that product's configured text as rendered
 * for this company (in Link, inside the screen's own wording around it). Bad input is a 400 naming the field.
 */
@Component
class GrantValidator {

    static final int MAX_TEXT = 20_000;
    static final int MAX_FIELD = 500;

    private final ProductCatalog products;
    private final CompanyProducts companyProducts;
    private final CompanyDirectory companies;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final ConsentWording wording;

    GrantValidator(ProductCatalog products, CompanyProducts companyProducts, CompanyDirectory companies,
            ConnectionManagement connections, IntegrationCatalog catalog, ConsentWording wording) {
        this.products = products;
        this.companyProducts = companyProducts;
        this.companies = companies;
        this.connections = connections;
        this.catalog = catalog;
        this.wording = wording;
    }

    /** A consent the lender records for its own consent screen (API key). */
    Grant api(ClientId clientId, CompanyId companyId, GrantBody body) {
        ValidationErrors errors = new ValidationErrors();
        if (body == null) {
            errors.reject("body", "The body must be a JSON object with \"productIdentifier\" and \"sourceType\".")
                    .throwIfAny();
        }
        CompanyReference company = companies.require(clientId, companyId);
        Product product = product(errors, clientId, company, body.productIdentifier());
        String sourceType = sourceType(errors, product, body.sourceType());
        List<DataConnection> listed = connections(errors, clientId, companyId, sourceType, body.connectionIds());
        List<String> dataTypes = dataTypes(errors, product, sourceType, body.dataTypes());
        text(errors, body.text());
        limit(errors, "textVersion", body.textVersion());
        limit(errors, "locale", body.locale());
        limit(errors, "ipAddress", body.ipAddress());
        limit(errors, "userAgent", body.userAgent());
        ConsentChannel channel = body.channel() == null ? ConsentChannel.Api : channel(body.channel(), errors);
        errors.throwIfAny();
        String platformName = listed.isEmpty() ? sourceType : listed.get(0).platformName();
        Wording words = wording(errors, clientId, company, product, sourceType, dataTypes, platformName, body.text(),
                body.textVersion(), body.locale(), false);
        errors.throwIfAny();
        return new Grant(product, sourceType, listed.stream().map(c -> c.id().value()).toList(), dataTypes,
                words.text(), words.version(), words.locale(), channel, "ApiKey", body.ipAddress(), body.userAgent());
    }

    /**
     * What the customer accepted in Link: one grant per product of the company that uses the source type (only the
     * named one's with {@code productIdentifier}), or one without a product when none does.
     */
    List<Grant> link(ClientId clientId, CompanyId companyId, LinkAcceptance link) {
        ValidationErrors errors = new ValidationErrors();
        CompanyReference company = companies.require(clientId, companyId);
        String sourceType = link.sourceType();
        DataConnection connection = link.connectionId() == null ? null
                : connections.get(clientId, companyId, link.connectionId());
        List<UUID> connectionIds = connection == null ? List.of() : List.of(connection.id().value());
        List<String> assigned = companyProducts.products(clientId, companyId);
        String only = link.productIdentifier();
        if (only != null && (!assigned.contains(only) || products.find(only).map(p -> p.dataTypes(sourceType))
                .orElse(List.of()).isEmpty())) {
            errors.reject("productIdentifier", "Company " + companyId + " has no product \"" + only + "\" that uses "
                    + sourceType + ".").throwIfAny();
        }
        text(errors, link.text());
        errors.throwIfAny();
        List<Product> using = assigned.stream().filter(p -> only == null || only.equals(p))
                .map(products::find).flatMap(Optional::stream)
                .filter(p -> !p.dataTypes(sourceType).isEmpty())
                .toList();
        String platformName = connection == null ? sourceType : connection.platformName();
        List<Grant> grants = new ArrayList<>();
        if (using.isEmpty()) {
            if (link.textVersion() != null) {
                errors.reject("textVersion", "Company " + companyId + " has no product that uses " + sourceType
                        + ", so there is no configured text whose version \"textVersion\" could name; leave it out.");
            }
            grants.add(new Grant(null, sourceType, connectionIds, offeredDataTypes(connection), link.text(), null,
                    link.locale(), link.channel(), link.grantedBy(), link.ipAddress(), link.userAgent()));
        }
        for (Product product : using) {
            Wording words = wording(errors, clientId, company, product, sourceType, product.dataTypes(sourceType),
                    platformName, link.text(), link.textVersion(), link.locale(), true);
            grants.add(new Grant(product, sourceType, connectionIds, product.dataTypes(sourceType), words.text(),
                    words.version(), words.locale(), link.channel(), link.grantedBy(), link.ipAddress(),
                    link.userAgent()));
        }
        errors.throwIfAny();
        return grants;
    }

    /** The text a record keeps, and the version and locale it may claim. */
    private record Wording(String text, String version, String locale) {}

    /**
     * Without {@code textVersion} a text sent is the caller's own wording and is kept without a version. With it
     * (or without a text, when the product's text is rendered) the record claims the product's configured wording,
     * so the version and locale must be the product's and the text must be that wording as rendered for this
     * company: exactly (API), or somewhere inside the screen's text ({@code framed}, Link).
     */
    private Wording wording(ValidationErrors errors, ClientId clientId, CompanyReference company, Product product,
            String sourceType, List<String> dataTypes, String platformName, String text, String textVersion,
            String locale, boolean framed) {
        Product.ConsentTexts configured = product.consentTexts();
        if (textVersion != null && !textVersion.equals(configured.version())) {
            errors.reject("textVersion", "\"textVersion\" \"" + textVersion + "\" is not the text version of the"
                    + " product \"" + product.identifier() + "\" (\"" + configured.version() + "\"). Leave it out"
                    + " to record your own wording, which is then kept without a version.");
            return new Wording(text, null, locale);
        }
        if (textVersion == null && text != null) {
            return new Wording(text, null, locale != null ? locale : configured.locale());
        }
        if (locale != null && !locale.equals(configured.locale())) {
            errors.reject("locale", "\"locale\" \"" + locale + "\" is not the locale of the product \""
                    + product.identifier() + "\"'s text version " + configured.version() + " (\"" + configured.locale()
                    + "\").");
        }
        String rendered = wording.render(clientId, company, product, sourceType, dataTypes, platformName).text();
        if (text == null) {
            return new Wording(rendered, configured.version(), configured.locale());
        }
        if (framed ? !text.contains(rendered) : !text.equals(rendered)) {
            errors.reject("text", "\"text\" does not hold the product \"" + product.identifier() + "\"'s text"
                    + " version " + configured.version() + " as rendered for company " + company.id() + " ("
                    + (framed ? "GET /link/api/companies/" + company.id() + "/consentTexts gives it"
                            : "leave \"text\" out to record exactly that")
                    + "). Leave \"textVersion\" out to record your own wording without a version.");
        }
        return new Wording(text, configured.version(), configured.locale());
    }

    private Product product(ValidationErrors errors, ClientId clientId, CompanyReference company, String id) {
        if (id == null || id.isBlank()) {
            errors.reject("productIdentifier", "\"productIdentifier\" is required, e.g. \"lending\".");
            return null;
        }
        Product product = products.find(id).orElse(null);
        if (product == null) {
            errors.reject("productIdentifier", "\"" + id + "\" is not a product; use one of " + products.all()
                    .stream().map(Product::identifier).collect(Collectors.joining(", ")) + ".");
        } else if (!companyProducts.products(clientId, company.id()).contains(product.identifier())) {
            errors.reject("productIdentifier", "Company " + company.id() + " does not have the product \""
                    + product.identifier() + "\"; add it with PUT /companies/" + company.id() + "/products/"
                    + product.identifier() + " first.");
            return null;
        }
        return product;
    }

    private static String sourceType(ValidationErrors errors, Product product, String value) {
        if (value == null || value.isBlank()) {
            errors.reject("sourceType", "\"sourceType\" is required, e.g. \"Banking\".");
            return null;
        }
        Optional<SourceType> type = ProductCatalog.sourceType(value);
        if (type.isEmpty()) {
            errors.reject("sourceType", "\"sourceType\" must be one of " + ProductCatalog.sourceTypeNames() + ".");
            return null;
        }
        if (product != null && product.dataTypes(type.get().name()).isEmpty()) {
            errors.reject("sourceType", "The product \"" + product.identifier() + "\" does not use "
                    + type.get().name() + "; it uses " + String.join(", ", product.sourceTypes().keySet()) + ".");
            return null;
        }
        return type.get().name();
    }

    private List<DataConnection> connections(ValidationErrors errors, ClientId clientId, CompanyId companyId,
            String sourceType, List<String> ids) {
        List<DataConnection> listed = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            UUID connectionId = uuid(id);
            if (connectionId == null) {
                errors.reject("connectionIds", "\"connectionIds\" must hold connection ids (UUIDs); \"" + id
                        + "\" is not one.");
                continue;
            }
            DataConnection connection;
            try {
                connection = connections.get(clientId, companyId, ConnectionId.of(connectionId));
            } catch (ApiException notFound) {
                errors.reject("connectionIds", "Company " + companyId + " has no connection " + id + ".");
                continue;
            }
            if (sourceType != null && !sourceType.equals(connection.sourceType())) {
                errors.reject("connectionIds", "Connection " + id + " is a " + connection.sourceType()
                        + " connection, not " + sourceType + ".");
            }
            if (listed.stream().noneMatch(c -> c.id().equals(connection.id()))) {
                listed.add(connection);
            }
        }
        return listed;
    }

    private static List<String> dataTypes(ValidationErrors errors, Product product, String sourceType,
            List<String> asked) {
        List<String> offered = product == null || sourceType == null ? List.of() : product.dataTypes(sourceType);
        if (asked == null || product == null || sourceType == null) {
            return offered;
        }
        if (asked.isEmpty()) {
            errors.reject("dataTypes", "\"dataTypes\" must name at least one data type, or be left out.");
        }
        for (String dataType : asked) {
            if (!offered.contains(dataType)) {
                errors.reject("dataTypes", "\"" + dataType + "\" is not a " + sourceType + " data type of the"
                        + " product \"" + product.identifier() + "\"; use any of " + String.join(", ", offered) + ".");
            }
        }
        return asked.stream().distinct().toList();
    }

    private static void text(ValidationErrors errors, String text) {
        if (text != null && text.isBlank()) {
            errors.reject("text", "\"text\" must not be blank; leave it out to store the product's texts.");
        } else if (text != null && text.length() > MAX_TEXT) {
            errors.reject("text", "\"text\" can be at most " + MAX_TEXT + " characters.");
        }
    }

    /** The standard data types the connection's platform offers: what a consent without a product covers. */
    private List<String> offeredDataTypes(DataConnection connection) {
        if (connection == null) {
            return List.of();
        }
        return catalog.find(connection.platformKey())
                .map(i -> i.dataTypes().keySet().stream().filter(DataTypes::isSynced).sorted().toList())
                .orElse(List.of());
    }

    static ConsentChannel channel(String value, ValidationErrors errors) {
        for (ConsentChannel channel : ConsentChannel.values()) {
            if (channel.name().equalsIgnoreCase(value.trim())) {
                return channel;
            }
        }
        errors.reject("channel", "\"channel\" must be one of " + Arrays.stream(ConsentChannel.values())
                .map(Enum::name).collect(Collectors.joining(", ")) + ".").throwIfAny();
        return null;
    }

    static void limit(ValidationErrors errors, String field, String value) {
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
