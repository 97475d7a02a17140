package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.DisconnectContext;
import dev.bridgekeeper.connector.GrantContext;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.TokenPolicy;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Xero's authorisation beyond OAuth 2.0 (developer.xero.com/documentation/oauth2): a sign-in connects one or more
 * organisations ("tenants") to the app, listed by {@code GET /connections} (filtered to this sign-in by the access
 * token's {@code authentication_event_id}); an organisation the customer did not choose is disconnected again
 * ({@code DELETE /connections/{id}}). Refresh tokens rotate, the previous one keeps working for 30 minutes, and an
 * unused one expires after 60 days.
 *
 * <p>At unlink the organisation's connection is deleted. Xero's revocation ends the user's grant and removes
 * <em>all</em> of the user's connections to the app, so it follows only when no other connection of that user
 * remains (another company linked by the same adviser would otherwise be cut off too).
 */
final class XeroAuthorization implements AuthorizationAdapter {

    static final String CONNECTIONS = "connections";
    /** Where the organisation's Xero connection id is kept in connectionInfo. */
    static final String CONNECTION_ID = "xeroConnectionId";

    private static final TokenPolicy TOKENS = new TokenPolicy(true, Duration.ofMinutes(30), Duration.ofDays(60));

    private final JsonMapper json;

    XeroAuthorization(JsonMapper json) {
        this.json = json;
    }

    @Override
    public TokenPolicy tokenPolicy() {
        return TOKENS;
    }

    @Override
    public List<Organisation> organisations(GrantContext grant) {
        String url = grant.settings().requireUrl(CONNECTIONS);
        String authEvent = claim(grant.accessToken(), "authentication_event_id");
        if (authEvent != null) {
            url += "?authEventId=" + URLEncoder.encode(authEvent, StandardCharsets.UTF_8);
        }
        PlatformResponse response = grant.http().get(URI.create(url), Map.of("Accept", "application/json"));
        if (!response.ok()) {
            throw new ReadFailure(ReadFailure.Kind.AUTH_ERROR, "Xero answered " + response.status()
                    + " to GET /connections.");
        }
        List<Organisation> organisations = new ArrayList<>();
        for (JsonNode connection : tree(response)) {
            if (!"ORGANISATION".equalsIgnoreCase(connection.path("tenantType").asString(""))) {
                continue; // practice manager and other tenants have no accounting data
            }
            organisations.add(new Organisation(connection.path("tenantId").asString(),
                    connection.path("tenantName").asString(""), Map.of(CONNECTION_ID,
                            connection.path("id").asString(), "tenantType", "ORGANISATION")));
        }
        return organisations;
    }

    @Override
    public void release(GrantContext grant, List<Organisation> unchosen) {
        for (Organisation organisation : unchosen) {
            deleteConnection(grant.http(), grant.settings(), organisation);
        }
    }

    @Override
    public Revocation disconnect(DisconnectContext context) {
        if (context.organisation() == null) {
            return Revocation.REVOKE_TOKENS;
        }
        deleteConnection(context.http(), context.settings(), context.organisation());
        PlatformResponse left = context.http().get(URI.create(context.settings().requireUrl(CONNECTIONS)),
                Map.of("Accept", "application/json"));
        return left.ok() && tree(left).isEmpty() ? Revocation.REVOKE_TOKENS : Revocation.KEEP_TOKENS;
    }

    private static void deleteConnection(PlatformHttp http, IntegrationSettings settings, Organisation organisation) {
        Object id = organisation.details().get(CONNECTION_ID);
        if (id == null) {
            return;
        }
        PlatformResponse response = http.send(HttpRequest.newBuilder(URI.create(settings.requireUrl(CONNECTIONS)
                + "/" + URLEncoder.encode(id.toString(), StandardCharsets.UTF_8))).DELETE().build());
        if (!response.ok() && response.status() != 404) { // 404: already gone (e.g. the user disconnected it)
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Xero answered " + response.status()
                    + " to DELETE /connections/" + id + ".");
        }
    }

    private JsonNode tree(PlatformResponse response) {
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Xero answered /connections with no JSON.");
        }
    }

    /**
     * A claim of the access token (a JWT) read without checking its signature: it came straight from Xero's token
     * endpoint over TLS, and only narrows which connections are listed. Null when the token is no JWT.
     */
    private String claim(String accessToken, String name) {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String value = claims.path(name).asString("");
            return value.isBlank() ? null : value;
        } catch (IllegalArgumentException | JacksonException e) {
            return null;
        }
    }
}
