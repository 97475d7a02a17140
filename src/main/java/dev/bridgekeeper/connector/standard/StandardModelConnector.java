package dev.bridgekeeper.connector.standard;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.GrantContext;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.RatePolicy;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.DataTypes;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Platforms whose API already speaks the standard model (Bridgekeeper's sandboxes, and any platform built to
 * it): every known data type is read by {@link StandardReader} from the catalog's {@code api-base} URL, and the
 * organisation is what the {@code identity} URL answers ({@code organisationId}, {@code organisationName}, kept
 * whole as the connection's {@code connectionInfo}). No documented rate limits: a 429 makes the read wait.
 */
@Component
class StandardModelConnector implements Connector, AuthorizationAdapter {

    static final String ID = "standard-model";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final StandardReader reader;
    private final JsonMapper json;

    StandardModelConnector(JsonMapper json, @Value("${bridgekeeper.sync.pages-ahead:2}") int pagesAhead) {
        this.json = json;
        this.reader = new StandardReader(json, Math.max(1, pagesAhead));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AuthorizationAdapter authorization() {
        return this;
    }

    @Override
    public Optional<DataTypeReader> reader(String dataType) {
        return DataTypes.isKnown(dataType) ? Optional.of(reader) : Optional.empty();
    }

    @Override
    public RatePolicy ratePolicy() {
        return RatePolicy.none();
    }

    /**
     * The one organisation the identity URL describes. A platform without one (or whose answer names no
     * organisation) binds to the connection itself: nothing to tell organisations apart by.
     */
    @Override
    public List<Organisation> organisations(GrantContext grant) {
        Optional<String> identity = grant.settings().url(Integration.IDENTITY);
        if (identity.isEmpty()) {
            return List.of(new Organisation("", grant.integration().name(), Map.of()));
        }
        PlatformResponse response = grant.http().get(URI.create(identity.get()), Map.of("Accept", "application/json"));
        if (!response.ok()) {
            throw new ReadFailure(ReadFailure.Kind.AUTH_ERROR, "The platform's identity URL answered "
                    + response.status() + ".");
        }
        Map<String, Object> details;
        try {
            details = new LinkedHashMap<>(json.readValue(response.body(), OBJECT));
        } catch (JacksonException e) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "The platform's identity URL answered no JSON object.");
        }
        Object id = details.get("organisationId");
        Object name = details.get("organisationName");
        return List.of(new Organisation(id == null ? "" : id.toString(),
                name == null ? grant.integration().name() : name.toString(), details));
    }
}
