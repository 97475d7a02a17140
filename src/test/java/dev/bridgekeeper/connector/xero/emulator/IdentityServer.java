package dev.bridgekeeper.connector.xero.emulator;

import static dev.bridgekeeper.connector.emulator.HttpExchanges.first;
import static dev.bridgekeeper.connector.emulator.HttpExchanges.html;

import com.sun.net.httpserver.HttpExchange;
import dev.bridgekeeper.connector.emulator.HttpExchanges;
import dev.bridgekeeper.connector.emulator.OpenApiRequestCheck;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated login.xero.com and identity.xero.com: authorize (sign-in and consent pages), token, revocation,
 * OpenID discovery and keys; and api.xero.com/connections. Every request is checked against the OpenAPI
 * descriptions (Xero's identity file for /connections, the derived OAuth file for the rest).
 */
final class IdentityServer {

    static final String AUTHORIZE = "/identity/connect/authorize";
    static final String LOGIN = "/identity/user/login";
    static final String CONSENT = "/identity/connect/consent";
    static final String TOKEN = "/connect/token";
    static final String REVOCATION = "/connect/revocation";
    static final String CONNECTIONS = "/connections";
    static final String DISCOVERY = "/.well-known/openid-configuration";
    static final String JWKS = "/.well-known/openid-configuration/jwks";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final XeroEmulator emulator;
    private final GrantStore grants;
    private final EmulatorStats stats;
    private final OpenApiRequestCheck oauthCheck = OpenApiRequestCheck.of(VendorSpec.OAUTH_DERIVED);
    private final OpenApiRequestCheck identityCheck = OpenApiRequestCheck.of(VendorSpec.IDENTITY);

    IdentityServer(XeroEmulator emulator, GrantStore grants, EmulatorStats stats) {
        this.emulator = emulator;
        this.grants = grants;
        this.stats = stats;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(AUTHORIZE) && method.equals("GET")) {
            authorize(exchange);
        } else if (path.equals(LOGIN) && method.equals("POST")) {
            login(exchange);
        } else if (path.equals(CONSENT) && method.equals("POST")) {
            consent(exchange);
        } else if (path.equals(TOKEN) && method.equals("POST")) {
            token(exchange);
        } else if (path.equals(REVOCATION) && method.equals("POST")) {
            revocation(exchange);
        } else if (path.equalsIgnoreCase(CONNECTIONS) || path.toLowerCase().startsWith(CONNECTIONS + "/")) {
            connections(exchange);
        } else if (path.equals(DISCOVERY)) {
            json(exchange, 200, discovery());
        } else if (path.equals(JWKS)) {
            HttpExchanges.send(exchange, 200, "application/json",
                    "{\"keys\":[" + GrantStore.signingKey().toPublicJWK().toJSONString() + "]}");
        } else {
            HttpExchanges.send(exchange, 404, "text/plain", "The resource you're looking for cannot be found");
        }
    }

    // ---- authorize: sign-in and consent pages ----

    private void authorize(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> query = HttpExchanges.query(uri);
        check(oauthCheck, exchange, AUTHORIZE, query, "");
        XeroApp app = emulator.app(first(query, "client_id"));
        if (app == null) {
            errorPage(exchange, "unauthorized_client", "Unknown client or client not enabled");
            return;
        }
        String redirectUri = first(query, "redirect_uri");
        if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
            errorPage(exchange, "invalid_request", "Invalid redirect_uri");
            return;
        }
        if (!"code".equals(first(query, "response_type"))) {
            errorPage(exchange, "unsupported_response_type", "response_type must be code");
            return;
        }
        Set<String> scopes = XeroScopes.parse(first(query, "scope"));
        if (scopes.isEmpty()) {
            errorPage(exchange, "invalid_scope", "scope is required");
            return;
        }
        Set<String> known = XeroScopes.known();
        for (String scope : scopes) {
            if (!known.contains(scope) || (app.granularScopes() && XeroScopes.RETIRED_FOR_NEW_APPS.contains(scope))) {
                errorPage(exchange, "unauthorized_client", "Invalid scope for client: " + scope);
                return;
            }
        }
        String challenge = first(query, "code_challenge");
        String method = first(query, "code_challenge_method");
        if (challenge != null && !"S256".equals(method)) {
            errorPage(exchange, "invalid_request", "code_challenge_method must be S256");
            return;
        }
        if (app.isPkceApp() && challenge == null) {
            errorPage(exchange, "invalid_request", "code_challenge is required for a PKCE app");
            return;
        }
        GrantStore.Pending pending = grants.open(app, redirectUri, scopes, first(query, "state"), challenge,
                first(query, "nonce"));
        signInPage(exchange, pending, null);
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, List<String>> form = HttpExchanges.decodeParameters(HttpExchanges.body(exchange));
        GrantStore.Pending pending = grants.pending(first(form, "request"));
        if (pending == null) {
            errorPage(exchange, "invalid_request", "This sign-in has expired; start again from the app");
            return;
        }
        XeroUser user = emulator.config().userByEmail(String.valueOf(first(form, "username")));
        if (user == null || !user.password().equals(first(form, "password"))) {
            signInPage(exchange, pending, "Your email or password is incorrect");
            return;
        }
        pending.user = user;
        consentPage(exchange, pending, null);
    }

    private void consent(HttpExchange exchange) throws IOException {
        Map<String, List<String>> form = HttpExchanges.decodeParameters(HttpExchanges.body(exchange));
        GrantStore.Pending pending = grants.pending(first(form, "request"));
        if (pending == null || pending.user == null) {
            errorPage(exchange, "invalid_request", "This sign-in has expired; start again from the app");
            return;
        }
        Map<String, String> back = new LinkedHashMap<>();
        if (!"allow".equals(first(form, "decision"))) {
            grants.deny(pending);
            back.put("error", "access_denied");
            back.put("state", pending.state);
            HttpExchanges.redirect(exchange, withQuery(pending.redirectUri, back));
            return;
        }
        List<XeroOrganisation> chosen = new ArrayList<>();
        for (String tenant : form.getOrDefault("tenant", List.of())) {
            UUID tenantId = parseUuid(tenant);
            if (tenantId != null && pending.user.organisations().contains(tenantId)) {
                chosen.add(emulator.config().organisation(tenantId));
            }
        }
        boolean needsOrganisation = pending.scopes.stream().anyMatch(s -> s.startsWith("accounting."));
        if (needsOrganisation && !pending.user.organisations().isEmpty() && chosen.isEmpty()) {
            consentPage(exchange, pending, "Select at least one organisation to connect");
            return;
        }
        GrantStore.Code code = grants.allow(pending, chosen);
        back.put("code", code.value);
        back.put("scope", String.join(" ", code.scopes));
        back.put("state", pending.state);
        back.put("session_state", UUID.randomUUID().toString().replace("-", ""));
        HttpExchanges.redirect(exchange, withQuery(pending.redirectUri, back));
    }

    private void signInPage(HttpExchange exchange, GrantStore.Pending pending, String error) throws IOException {
        String body = page("Log in to Xero", "<h1>Log in</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + html(error) + "</p>")
                + "<form method=\"post\" action=\"" + LOGIN + "\">"
                + "<input type=\"hidden\" name=\"request\" value=\"" + html(pending.id) + "\">"
                + "<label>Email address <input type=\"email\" name=\"username\" autocomplete=\"username\"></label>"
                + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"></label>"
                + "<button type=\"submit\">Log in</button></form>");
        HttpExchanges.send(exchange, 200, "text/html; charset=utf-8", body);
    }

    private void consentPage(HttpExchange exchange, GrantStore.Pending pending, String error) throws IOException {
        StringBuilder orgs = new StringBuilder();
        List<UUID> tenants = pending.user.organisations();
        for (UUID tenantId : tenants) {
            XeroOrganisation org = emulator.config().organisation(tenantId);
            orgs.append("<label><input type=\"checkbox\" name=\"tenant\" value=\"").append(tenantId).append('"')
                    .append(tenants.size() == 1 ? " checked" : "").append("> ").append(html(org.name()))
                    .append("</label>");
        }
        StringBuilder scopes = new StringBuilder("<ul>");
        pending.scopes.forEach(s -> scopes.append("<li>").append(html(s)).append("</li>"));
        scopes.append("</ul>");
        String body = page("Connect to " + pending.app.name(), "<h1>" + html(pending.app.name())
                + " wants access to your Xero data</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + html(error) + "</p>")
                + "<p>Signed in as " + html(pending.user.email()) + "</p>" + scopes
                + "<form method=\"post\" action=\"" + CONSENT + "\">"
                + "<input type=\"hidden\" name=\"request\" value=\"" + html(pending.id) + "\">"
                + (tenants.isEmpty() ? "<p>You have no organisations to connect.</p>"
                        : "<fieldset><legend>Organisations to connect</legend>" + orgs + "</fieldset>")
                + "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow access</button>"
                + "<button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button></form>");
        HttpExchanges.send(exchange, 200, "text/html; charset=utf-8", body);
    }

    private void errorPage(HttpExchange exchange, String error, String description) throws IOException {
        String body = page("Error", "<h1>Sorry, something went wrong</h1><p id=\"error\">" + html(error)
                + "</p><p id=\"error_description\">" + html(description) + "</p>");
        HttpExchanges.send(exchange, 400, "text/html; charset=utf-8", body);
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                + " | Xero (emulator)</title></head><body><main>" + content
                + "<footer>Xero emulator for Bridgekeeper tests</footer></main></body></html>";
    }

    // ---- token and revocation ----

    private void token(HttpExchange exchange) throws IOException {
        String body = HttpExchanges.body(exchange);
        Map<String, List<String>> form = HttpExchanges.decodeParameters(body);
        check(oauthCheck, exchange, TOKEN, Map.of(), body);
        String grantType = first(form, "grant_type");
        stats.tokenRequest(grantType);
        ClientAuth auth = authenticate(exchange, form);
        if (auth.error != null) {
            oauthError(exchange, auth.error, auth.description);
            return;
        }
        GrantStore.Issued issued;
        if ("authorization_code".equals(grantType)) {
            issued = grants.exchange(auth.app, first(form, "code"), first(form, "redirect_uri"),
                    first(form, "code_verifier"));
        } else if ("refresh_token".equals(grantType)) {
            issued = grants.refresh(auth.app, first(form, "refresh_token"));
        } else {
            oauthError(exchange, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
            return;
        }
        if (issued.error() != null) {
            oauthError(exchange, issued.error(), issued.description());
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        if (issued.idToken() != null) {
            out.put("id_token", issued.idToken());
        }
        out.put("access_token", issued.access().value);
        out.put("expires_in", emulator.config().tokens().accessToken().toSeconds());
        out.put("token_type", "Bearer");
        if (issued.refresh() != null) {
            out.put("refresh_token", issued.refresh().value);
        }
        out.put("scope", String.join(" ", issued.access().grant.scopes));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, out);
    }

    private void revocation(HttpExchange exchange) throws IOException {
        String body = HttpExchanges.body(exchange);
        Map<String, List<String>> form = HttpExchanges.decodeParameters(body);
        check(oauthCheck, exchange, REVOCATION, Map.of(), body);
        ClientAuth auth = authenticate(exchange, form);
        if (auth.error != null) {
            oauthError(exchange, auth.error, auth.description);
            return;
        }
        stats.revocation();
        grants.revoke(auth.app, first(form, "token"));
        HttpExchanges.send(exchange, 200, null, "");
    }

    private record ClientAuth(XeroApp app, String error, String description) {}

    /** HTTP Basic (client_secret_basic) as Xero documents; a PKCE app sends only client_id in the body. */
    private ClientAuth authenticate(HttpExchange exchange, Map<String, List<String>> form) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String bodySecret = first(form, "client_secret");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (bodySecret != null) {
                return new ClientAuth(null, "invalid_request", "use one client authentication method, not two");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new ClientAuth(null, "invalid_client", "malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            XeroApp app = colon < 0 ? null : emulator.app(urlDecode(decoded.substring(0, colon)));
            if (app == null || app.isPkceApp() || !app.clientSecret().equals(urlDecode(decoded.substring(colon + 1)))) {
                return new ClientAuth(null, "invalid_client", "unknown client or wrong secret");
            }
            return new ClientAuth(app, null, null);
        }
        XeroApp app = emulator.app(first(form, "client_id"));
        if (app == null) {
            return new ClientAuth(null, "invalid_client", "client authentication is required (HTTP Basic)");
        }
        if (app.isPkceApp()) {
            return bodySecret == null ? new ClientAuth(app, null, null)
                    : new ClientAuth(null, "invalid_client", "a PKCE app has no secret");
        }
        if (bodySecret == null) {
            return new ClientAuth(null, "invalid_client", "client authentication is required (HTTP Basic)");
        }
        if (!emulator.config().tokens().allowClientSecretPost()) {
            return new ClientAuth(null, "invalid_client",
                    "client_secret in the body is not Xero's documented method; use HTTP Basic");
        }
        return app.clientSecret().equals(bodySecret) ? new ClientAuth(app, null, null)
                : new ClientAuth(null, "invalid_client", "unknown client or wrong secret");
    }

    private void oauthError(HttpExchange exchange, String error, String description) throws IOException {
        stats.tokenError(error);
        ObjectNode out = JSON.createObjectNode();
        out.put("error", error);
        if (description != null) {
            out.put("error_description", description);
        }
        json(exchange, 400, out);
    }

    // ---- connections ----

    private void connections(HttpExchange exchange) throws IOException {
        stats.connectionsCall();
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        String specPath = "/Connections" + path.substring(CONNECTIONS.length());
        check(identityCheck, exchange, specPath, HttpExchanges.query(uri), "");
        GrantStore.AccessToken token = bearer(exchange);
        String problem = grants.problemWith(token);
        if (problem != null) {
            unauthorized(exchange, problem);
            return;
        }
        XeroUser user = token.grant.user;
        XeroApp app = token.grant.app;
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equalsIgnoreCase(CONNECTIONS)) {
            String authEventId = first(HttpExchanges.query(uri), "authEventId");
            ArrayNode out = JSON.createArrayNode();
            for (GrantStore.Connection c : grants.connections(user, app)) {
                if (authEventId != null && !authEventId.equalsIgnoreCase(c.authEventId.toString())) {
                    continue;
                }
                ObjectNode node = out.addObject();
                node.put("id", c.id.toString());
                node.put("authEventId", c.authEventId.toString());
                node.put("tenantId", c.tenantId.toString());
                node.put("tenantType", "ORGANISATION");
                node.put("tenantName", c.tenantName);
                node.put("createdDateUtc", utc(c.createdAt));
                node.put("updatedDateUtc", utc(c.updatedAt));
            }
            json(exchange, 200, out);
        } else if (method.equals("DELETE") && path.length() > CONNECTIONS.length() + 1) {
            UUID id = parseUuid(path.substring(CONNECTIONS.length() + 1));
            if (id != null && grants.removeConnection(user, app, id)) {
                HttpExchanges.send(exchange, 204, null, "");
            } else {
                HttpExchanges.send(exchange, 404, "text/plain", "The resource you're looking for cannot be found");
            }
        } else {
            HttpExchanges.send(exchange, 405, "text/plain", "Method not allowed");
        }
    }

    /** The connection dates as Xero's identity example writes them: seven fractional digits, no zone. */
    private static String utc(java.time.Instant at) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
        return t.withNano(0) + String.format(".%07d", t.getNano() / 100);
    }

    // ---- shared ----

    GrantStore.AccessToken bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return grants.accessToken(header.substring(7).trim());
    }

    static void unauthorized(HttpExchange exchange, String detail) throws IOException {
        boolean expired = detail.startsWith("TokenExpired");
        exchange.getResponseHeaders().set("WWW-Authenticate", expired
                ? "Bearer error=\"invalid_token\", error_description=\"The token expired\""
                : "Bearer error=\"invalid_token\"");
        problem(exchange, 401, "Unauthorized", detail);
    }

    /** Xero's problem body for 401/403 answers ({"Type":null,"Title":…,"Status":…,"Detail":…}). */
    static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.putNull("Type");
        out.put("Title", title);
        out.put("Status", status);
        out.put("Detail", detail);
        out.put("Instance", UUID.randomUUID().toString());
        out.putObject("Extensions");
        json(exchange, status, out);
    }

    private void check(OpenApiRequestCheck check, HttpExchange exchange, String specPath,
            Map<String, List<String>> query, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")) {
                headers.put(name, values);
            }
        });
        List<String> problems = check.violations(exchange.getRequestMethod(), specPath, query, headers, body);
        if (!problems.isEmpty()) {
            stats.violation(new EmulatorStats.Violation(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), problems));
        }
    }

    private ObjectNode discovery() {
        String base = emulator.baseUrl();
        ObjectNode out = JSON.createObjectNode();
        out.put("issuer", base);
        out.put("authorization_endpoint", emulator.authorizeUrl());
        out.put("token_endpoint", emulator.tokenUrl());
        out.put("revocation_endpoint", emulator.revocationUrl());
        out.put("jwks_uri", base + JWKS);
        out.putArray("response_types_supported").add("code");
        out.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        out.putArray("code_challenge_methods_supported").add("S256");
        ArrayNode auth = out.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic");
        if (emulator.config().tokens().allowClientSecretPost()) {
            auth.add("client_secret_post");
        }
        ArrayNode scopes = out.putArray("scopes_supported");
        XeroScopes.known().forEach(scopes::add);
        return out;
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        HttpExchanges.send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
    }

    private static String withQuery(String base, Map<String, String> parameters) {
        return base + (base.contains("?") ? "&" : "?") + HttpExchanges.encode(parameters);
    }

    private static String urlDecode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    static UUID parseUuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
