package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.integration.Integration;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call to Xero's Accounting API for the connection's organisation: {@code xero-tenant-id} names it (Xero's
 * access tokens are not bound to one), {@code If-Modified-Since} asks for changes only, and Xero's answers are
 * turned into the framework's failures (401 after a fresh token and 403: the organisation no longer lets us in;
 * 400: Xero's ValidationException message).
 */
final class XeroApi {

    private final JsonMapper json;

    XeroApi(JsonMapper json) {
        this.json = json;
    }

    /** GET {@code {api-base}/{endpoint}?{query}}; the answer's envelope. */
    JsonNode get(ReadContext context, String endpoint, Map<String, String> query, Instant modifiedSince) {
        return get(context, endpoint, query, modifiedSince, false);
    }

    /** As {@link #get(ReadContext, String, Map, Instant)}; {@code shared}: the answer is shared (see XeroListReader). */
    JsonNode get(ReadContext context, String endpoint, Map<String, String> query, Instant modifiedSince,
            boolean shared) {
        StringBuilder url = new StringBuilder(context.settings().requireUrl(Integration.API_BASE)).append('/')
                .append(endpoint);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            separator = "&";
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("xero-tenant-id", context.organisation().id());
        if (modifiedSince != null) {
            headers.put("If-Modified-Since", XeroDates.ifModifiedSince(modifiedSince));
        }
        PlatformResponse response = (shared ? context.http().sharingAnswers() : context.http())
                .get(URI.create(url.toString()), headers);
        int status = response.status();
        if (status == 200) {
            try {
                return json.readTree(response.body());
            } catch (JacksonException e) {
                throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Xero answered " + endpoint + " with no JSON.");
            }
        }
        if (status == 401 || status == 403) {
            throw new ReadFailure(ReadFailure.Kind.AUTH_ERROR, "Xero refused access to " + endpoint + " (" + status
                    + (status == 403 ? ": the organisation is no longer connected to the app" : "") + ").");
        }
        if (status == 404) {
            throw new ReadFailure(ReadFailure.Kind.NOT_SUPPORTED, "Xero has no " + endpoint + " for this"
                    + " organisation.");
        }
        throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Xero answered " + status + " to " + endpoint
                + validation(response) + ".");
    }

    /** Xero's ValidationException messages, when the answer carries them. */
    private String validation(PlatformResponse response) {
        try {
            JsonNode body = json.readTree(response.body());
            StringBuilder out = new StringBuilder();
            for (JsonNode element : body.path("Elements")) {
                for (JsonNode error : element.path("ValidationErrors")) {
                    out.append(out.length() == 0 ? ": " : "; ").append(error.path("Message").asString(""));
                }
            }
            return out.length() > 0 ? out.toString() : body.has("Message") ? ": " + body.path("Message").asString("")
                    : "";
        } catch (JacksonException e) {
            return "";
        }
    }
}
