package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call to Intuit's Accounting API for a realm: {@code GET {api-base}/v3/company/{realmId}/{resource}} with
 * {@code minorversion} and {@code Accept: application/json}. Intuit may answer a {@code Fault} with HTTP 200
 * (developer.intuit.com, "Error codes": "200 OK … may contain a Fault element"), so every answer's body is checked:
 * an authentication or authorization fault is an AUTH_ERROR, any other fault a FETCH_ERROR carrying Intuit's
 * message. A 401 or an {@code AuthenticationFault} (in any status) is first answered by the framework's one refresh and
 * repeat; when the repeat is refused too, the connection is Deauthorized (see {@link QuickBooksAuthorization}).
 */
final class QuickBooksApi {

    /** Option {@code bridgekeeper.integrations.qhyg.options.minor-version}. */
    static final String MINOR_VERSION = "minor-version";
    /** The minor version every request names: Intuit's base version since 2025-08-01 (older ones are ignored). */
    static final String DEFAULT_MINOR_VERSION = "75";

    /** Larger answers are not looked at for an authentication Fault (Intuit's are well under a kilobyte). */
    private static final int FAULT_SIZE_LIMIT = 16 * 1024;

    private final JsonMapper json;
    private final Function<String, List<String>> changedEntities;

    /** @param changedEntities data type → the entities its incremental read asks change data capture about */
    QuickBooksApi(JsonMapper json, Function<String, List<String>> changedEntities) {
        this.json = json;
        this.changedEntities = changedEntities;
    }

    /**
     * {@code GET …/query?query=}; the answer's {@code QueryResponse}. Shared with the connection's other reads for a
     * short while: data types read from one entity (Purchase: direct costs and account transactions) send the same
     * query and QuickBooks answers it once.
     */
    JsonNode query(ReadContext context, String query) {
        return get(context.http().sharingAnswers(), context.settings(), context.organisation().id(), "query", Map.of("query", query),
                "query " + query).path("QueryResponse");
    }

    /**
     * {@code GET …/cdc?entities=&changedSince=}; the answer's {@code QueryResponse} of {@code entity}. Change data
     * capture answers for several entities at once, so a read's first call asks for every entity the data types
     * requested with it read ({@link ReadContext#requestedTogether()}), named in one order: the reads of one sync send
     * the same request and share QuickBooks' one answer (see {@link QboEntityReader} for how their {@code since} comes
     * to be the same). A call going on from a capped answer asks for its own entity alone, and so does a read whose
     * combined call failed: one entity the company cannot read (its edition lacks it) faults the whole request.
     *
     * @param first whether this is the read's first change call (a later one goes on from a capped answer)
     */
    JsonNode changes(ReadContext context, String entity, Instant since, boolean first) {
        Set<String> entities = new TreeSet<>();
        entities.add(entity);
        if (first) {
            context.requestedTogether().forEach(dataType -> entities.addAll(changedEntities.apply(dataType)));
        }
        if (entities.size() > 1) {
            try {
                return changes(context, String.join(",", entities), entity, since);
            } catch (ReadFailure e) {
                if (e.kind() != ReadFailure.Kind.FETCH_ERROR) {
                    throw e;
                }
            }
        }
        return changes(context, entity, entity, since);
    }

    private JsonNode changes(ReadContext context, String entities, String entity, Instant since) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("entities", entities);
        parameters.put("changedSince", since.truncatedTo(ChronoUnit.SECONDS).toString());
        JsonNode answer = get(context.http().sharingAnswers(), context.settings(), context.organisation().id(), "cdc",
                parameters, "change data capture of " + entity);
        for (JsonNode cdc : answer.path("CDCResponse")) {
            for (JsonNode response : cdc.path("QueryResponse")) {
                if (response.has(entity)) {
                    return response;
                }
            }
        }
        return json.createObjectNode();
    }

    /** {@code GET …/{resource}} (e.g. {@code companyinfo/{realmId}}, {@code preferences}); the whole answer. */
    JsonNode read(PlatformHttp http, IntegrationSettings settings, String realmId, String resource) {
        return get(http, settings, realmId, resource, Map.of(), resource);
    }

    /** {@code GET …/reports/{report}?…}; the bare Report. */
    JsonNode report(ReadContext context, String report, Map<String, String> parameters) {
        return get(context.http(), context.settings(), context.organisation().id(), "reports/" + report, parameters,
                "the " + report + " report");
    }

    private JsonNode get(PlatformHttp http, IntegrationSettings settings, String realmId, String resource,
            Map<String, String> parameters, String what) {
        StringBuilder url = new StringBuilder(settings.requireUrl(Integration.API_BASE)).append("/v3/company/")
                .append(encode(realmId)).append('/').append(resource).append('?');
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(parameter.getKey()).append('=').append(encode(parameter.getValue())).append('&');
        }
        url.append("minorversion=").append(encode(settings.option(MINOR_VERSION).orElse(DEFAULT_MINOR_VERSION)));
        PlatformResponse response = http.get(URI.create(url.toString()), Map.of("Accept", "application/json"));
        JsonNode body = body(response);
        JsonNode fault = body == null ? null : body.path("Fault");
        if (fault != null && fault.isObject()) {
            throw failure(fault, response.status(), what);
        }
        if (response.status() == 401 || response.status() == 403) {
            throw new ReadFailure(ReadFailure.Kind.AUTH_ERROR, "QuickBooks refused access to " + what + " ("
                    + response.status() + ").");
        }
        if (response.status() != 200 || body == null) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "QuickBooks answered " + response.status()
                    + (body == null ? " with no JSON" : "") + " to " + what + ".");
        }
        return body;
    }

    /**
     * Whether the answer is Intuit's {@code AuthenticationFault} (the token refused), whatever its status. Only small
     * bodies are parsed: a Fault is a few hundred bytes, a page of records is not one.
     */
    boolean isAuthenticationFault(PlatformResponse response) {
        if (response.body().length == 0 || response.body().length > FAULT_SIZE_LIMIT) {
            return false;
        }
        JsonNode body = body(response);
        return body != null && "AuthenticationFault".equalsIgnoreCase(body.path("Fault").path("type").asString(""));
    }

    private JsonNode body(PlatformResponse response) {
        try {
            return response.body().length == 0 ? null : json.readTree(response.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Intuit's Fault: {@code {"Error":[{"Message","Detail","code"}],"type"}}. */
    private static ReadFailure failure(JsonNode fault, int status, String what) {
        String type = fault.path("type").asString("");
        StringBuilder message = new StringBuilder();
        for (JsonNode error : fault.path("Error")) {
            message.append(message.length() == 0 ? "" : "; ").append(error.path("Message").asString(""));
            String detail = error.path("Detail").asString("");
            if (!detail.isBlank()) {
                message.append(" (").append(detail).append(')');
            }
            String code = error.path("code").asString("");
            if (!code.isBlank()) {
                message.append(" [code ").append(code).append(']');
            }
        }
        boolean auth = "AuthenticationFault".equalsIgnoreCase(type) || "AuthorizationFault".equalsIgnoreCase(type);
        return new ReadFailure(auth ? ReadFailure.Kind.AUTH_ERROR : ReadFailure.Kind.FETCH_ERROR,
                "QuickBooks answered " + what + " (HTTP " + status + ") with a " + (type.isBlank() ? "Fault" : type)
                        + ": " + message + ".");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
