package dev.bridgekeeper.connector.quickbooks.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intuit's OAuth 2.0 server as its documentation describes it: the authorization page (sign in, then
 * choose one company, since one authorization connects one realm), the callback with code, state and
 * realmId, the token endpoint (client_secret_basic; client_secret_post is also listed by Intuit's
 * discovery document), refresh tokens that roll 100 days forward on every use up to an absolute five
 * years and whose value changes once it is older than a day, revocation, and invalid_grant for any
 * refresh token that is revoked, expired or superseded.
 */
final class QboOAuth {

    static final String ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One authorization: a user connected one realm to the app. */
    static final class Grant {
        final String clientId;
        final QboSettings.TestUser user;
        final String realmId;
        final String scope;
        final Instant createdAt;
        final List<String> refreshLineage = new ArrayList<>();
        volatile boolean revoked;
        String refreshToken;
        Instant refreshIssuedAt;
        Instant refreshExpiresAt;

        Grant(String clientId, QboSettings.TestUser user, String realmId, String scope, Instant createdAt) {
            this.clientId = clientId;
            this.user = user;
            this.realmId = realmId;
            this.scope = scope;
            this.createdAt = createdAt;
        }
    }

    record AccessToken(Grant grant, Instant expiresAt) { }

    private record Pending(String clientId, String redirectUri, String state, String scope, QboSettings.TestUser user) { }

    private record Code(Grant grant, String redirectUri, Instant expiresAt) { }

    private final QboSettings settings;
    private final Clock clock;
    private final QboTraffic traffic;
    private final QboRequestRules rules;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    private final List<Grant> grants = new ArrayList<>();
    /** Hard ends a test set for a realm's authorizations, earlier than five years from their creation. */
    private final Map<String, Instant> hardEnds = new HashMap<>();
    /** The app's registered redirect URIs: the settings' and any a test registers once it knows its own URL. */
    private final List<String> redirectUris = new java.util.concurrent.CopyOnWriteArrayList<>();

    QboOAuth(QboSettings settings, Clock clock, QboTraffic traffic, QboRequestRules rules) {
        this.settings = settings;
        this.clock = clock;
        this.traffic = traffic;
        this.rules = rules;
        this.redirectUris.addAll(settings.redirectUris());
    }

    void registerRedirectUri(String uri) {
        if (!redirectUris.contains(uri)) redirectUris.add(uri);
    }

    // ---- authorization page ----

    void authorize(HttpExchange ex) throws IOException {
        String request = "GET /connect/oauth2";
        if (ex.getRequestMethod().equals("POST")) {
            Map<String, String> form = QboWire.formParams(QboWire.body(ex));
            if (form.containsKey("email")) signIn(ex, form);
            else decide(ex, form);
            return;
        }
        Map<String, String> q = QboWire.queryParams(ex);
        if (!settings.clientId().equals(q.get("client_id"))) {
            rules.breach("oauth.client_id", request, "unknown client_id '" + q.get("client_id") + "'");
            page(ex, 400, "Error", "<p class=error>invalid_client: this app is not registered.</p>");
            return;
        }
        if (!redirectUris.contains(q.get("redirect_uri"))) {
            rules.breach("oauth.redirect_uri", request, "redirect_uri '" + q.get("redirect_uri") + "' is not registered for the app");
            page(ex, 400, "Error", "<p class=error>The redirect_uri query parameter value is invalid.</p>");
            return;
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            rules.breach("oauth.response_type", request, "response_type must be 'code'");
            redirect(ex, q.get("redirect_uri"), "error=unsupported_response_type" + stateParam(state));
            return;
        }
        String scope = q.getOrDefault("scope", "");
        if (!List.of(scope.split(" ")).contains(ACCOUNTING_SCOPE)) {
            rules.breach("oauth.scope", request, "scope must include " + ACCOUNTING_SCOPE);
            redirect(ex, q.get("redirect_uri"), "error=invalid_scope" + stateParam(state));
            return;
        }
        if (state == null || state.isBlank()) rules.breach("oauth.state", request, "Intuit requires a state parameter");
        String tx = token("tx");
        synchronized (this) {
            pending.put(tx, new Pending(q.get("client_id"), q.get("redirect_uri"), state, scope, null));
        }
        signInPage(ex, tx, null);
    }

    private void signIn(HttpExchange ex, Map<String, String> form) throws IOException {
        Pending p;
        synchronized (this) {
            p = pending.get(form.get("tx"));
        }
        if (p == null) {
            page(ex, 400, "Error", "<p class=error>This sign-in link has expired. Start again from the app.</p>");
            return;
        }
        Optional<QboSettings.TestUser> user = settings.users().stream()
                .filter(u -> u.email().equalsIgnoreCase(form.get("email")) && u.password().equals(form.get("password"))).findFirst();
        if (user.isEmpty()) {
            signInPage(ex, form.get("tx"), "The email or password you entered is incorrect.");
            return;
        }
        synchronized (this) {
            pending.put(form.get("tx"), new Pending(p.clientId(), p.redirectUri(), p.state(), p.scope(), user.get()));
        }
        StringBuilder html = new StringBuilder("<form method=post action=\"/connect/oauth2\"><input type=hidden name=tx value=\"")
                .append(form.get("tx")).append("\">");
        List<QboSettings.Company> companies = user.get().companies();
        html.append(companies.size() > 1 ? "<p>Select a company to connect to the app</p>" : "<p>Connect the app to your company</p>");
        for (int i = 0; i < companies.size(); i++) {
            QboSettings.Company c = companies.get(i);
            html.append("<label><input type=radio name=realmId value=\"").append(c.realmId()).append('"')
                    .append(i == 0 ? " checked" : "").append("> ").append(escape(c.name())).append("</label><br>");
        }
        html.append("<p>The app will be able to read and change your QuickBooks data.</p>")
                .append("<button name=decision value=allow>Connect</button> <button name=decision value=deny>Cancel</button></form>");
        page(ex, 200, companies.size() > 1 ? "Select a company" : "Connect", html.toString());
    }

    private void decide(HttpExchange ex, Map<String, String> form) throws IOException {
        Pending p;
        synchronized (this) {
            p = pending.remove(form.get("tx"));
        }
        if (p == null || p.user() == null) {
            page(ex, 400, "Error", "<p class=error>This sign-in link has expired. Start again from the app.</p>");
            return;
        }
        if (!"allow".equals(form.get("decision"))) {
            redirect(ex, p.redirectUri(), "error=access_denied" + stateParam(p.state()));
            return;
        }
        String realmId = form.get("realmId");
        if (p.user().companies().stream().noneMatch(c -> c.realmId().equals(realmId))) {
            page(ex, 400, "Error", "<p class=error>You do not have access to that company.</p>");
            return;
        }
        Instant now = clock.instant();
        Grant grant = new Grant(p.clientId(), p.user(), realmId, p.scope(), now);
        String code = token("AB11");
        synchronized (this) {
            grants.add(grant);
            codes.put(code, new Code(grant, p.redirectUri(), now.plus(settings.authorizationCodeLifetime())));
        }
        redirect(ex, p.redirectUri(), "code=" + enc(code) + stateParam(p.state()) + "&realmId=" + enc(realmId));
    }

    // ---- token endpoint ----

    void token(HttpExchange ex) throws IOException {
        String request = "POST /oauth2/v1/tokens/bearer";
        if (!ex.getRequestMethod().equals("POST")) {
            QboWire.sendJson(ex, 405, QboWire.JSON.createObjectNode().put("error", "invalid_request"));
            return;
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            rules.breach("oauth.token.content_type", request, "Content-Type must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = QboWire.formParams(QboWire.body(ex));
        if (!clientAuthenticated(ex, form)) {
            traffic.recordTokenRequest("invalid_client");
            QboWire.sendJson(ex, 401, QboWire.JSON.createObjectNode().put("error", "invalid_client"));
            return;
        }
        String grantType = form.get("grant_type");
        Instant now = clock.instant();
        Grant grant;
        synchronized (this) {
            if ("authorization_code".equals(grantType)) {
                Code code = codes.remove(form.getOrDefault("code", ""));
                if (code == null || code.expiresAt().isBefore(now) || !code.redirectUri().equals(form.get("redirect_uri"))) {
                    if (code != null && !code.redirectUri().equals(form.get("redirect_uri"))) {
                        rules.breach("oauth.token.redirect_uri", request, "redirect_uri differs from the authorization request's");
                    }
                    invalidGrant(ex);
                    return;
                }
                grant = code.grant();
                issueRefresh(grant, now);
            } else if ("refresh_token".equals(grantType)) {
                String presented = form.getOrDefault("refresh_token", "");
                grant = refreshTokens.get(presented);
                if (grant == null || grant.revoked || !presented.equals(grant.refreshToken)
                        || !now.isBefore(grant.refreshExpiresAt) || !now.isBefore(absoluteExpiry(grant))) {
                    invalidGrant(ex);
                    return;
                }
                if (Duration.between(grant.refreshIssuedAt, now).compareTo(settings.refreshTokenValueStableFor()) >= 0) {
                    issueRefresh(grant, now);
                } else {
                    grant.refreshExpiresAt = now.plus(settings.refreshTokenRollingLifetime());
                }
            } else {
                rules.breach("oauth.token.grant_type", request, "unsupported grant_type '" + grantType + "'");
                QboWire.sendJson(ex, 400, QboWire.JSON.createObjectNode().put("error", "unsupported_grant_type"));
                return;
            }
        }
        traffic.recordTokenRequest(grantType);
        String access = token("eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0.");
        synchronized (this) {
            accessTokens.put(access, new AccessToken(grant, now.plus(settings.accessTokenLifetime())));
        }
        ObjectNode body = QboWire.JSON.createObjectNode();
        body.put("token_type", "bearer");
        body.put("expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("refresh_token", grant.refreshToken);
        body.put("x_refresh_token_expires_in", Duration.between(now, grant.refreshExpiresAt).toSeconds());
        body.put("access_token", access);
        if ("true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("x-include-refresh-token-hard-expires-in"))) {
            body.put("x_refresh_token_hard_expires_in", Duration.between(now, absoluteExpiry(grant)).toSeconds());
        }
        ex.getResponseHeaders().set("intuit_tid", QboWire.newTid());
        QboWire.sendJson(ex, 200, body);
    }

    private void issueRefresh(Grant grant, Instant now) {
        String value = token("RT1-" + (100 + RANDOM.nextInt(900)) + "-H0-");
        grant.refreshToken = value;
        grant.refreshIssuedAt = now;
        // the rolling 100 days as x_refresh_token_expires_in says them: Intuit added a field for the hard end
        // (blog 2025-11-12), so the rolling one is not taken to stop at it; the token stops at the earlier anyway
        grant.refreshExpiresAt = now.plus(settings.refreshTokenRollingLifetime());
        grant.refreshLineage.add(value);
        refreshTokens.put(value, grant);
    }

    private synchronized Instant absoluteExpiry(Grant grant) {
        Instant fiveYears = grant.createdAt.plus(settings.refreshTokenAbsoluteLifetime());
        Instant set = hardEnds.get(grant.realmId);
        return set == null ? fiveYears : min(fiveYears, set);
    }

    /** The realm's authorizations, current and later ones, end at {@code at} at the latest; null: five years again. */
    synchronized void endAuthorizations(String realmId, Instant at) {
        if (at == null) hardEnds.remove(realmId); else hardEnds.put(realmId, at);
    }

    private void invalidGrant(HttpExchange ex) throws IOException {
        traffic.recordTokenRequest("invalid_grant");
        ex.getResponseHeaders().set("intuit_tid", QboWire.newTid());
        QboWire.sendJson(ex, 400, QboWire.JSON.createObjectNode().put("error", "invalid_grant"));
    }

    private boolean clientAuthenticated(HttpExchange ex, Map<String, String> form) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String id;
        String secret;
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) return false;
            id = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
        } else {
            id = form.get("client_id");
            secret = form.get("client_secret");
        }
        return settings.clientId().equals(id) && settings.clientSecret().equals(secret);
    }

    // ---- revoke, discovery, userinfo ----

    void revoke(HttpExchange ex) throws IOException {
        String body = QboWire.body(ex);
        if (!clientAuthenticated(ex, Map.of())) {
            QboWire.sendJson(ex, 401, QboWire.JSON.createObjectNode().put("error", "invalid_client"));
            return;
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            rules.breach("oauth.revoke.content_type", "POST /v2/oauth2/tokens/revoke", "Intuit documents a JSON body {\"token\": ...}");
        }
        String token;
        try {
            JsonNode json = QboWire.JSON.readTree(body);
            token = json.path("token").asString("");
        } catch (RuntimeException e) {
            token = QboWire.formParams(body).getOrDefault("token", "");
        }
        traffic.recordTokenRequest("revoke");
        synchronized (this) {
            Grant grant = refreshTokens.get(token);
            if (grant == null && accessTokens.containsKey(token)) grant = accessTokens.get(token).grant();
            if (grant != null) grant.revoked = true;
        }
        ex.getResponseHeaders().set("intuit_tid", QboWire.newTid());
        QboWire.send(ex, 200, "application/json", "");
    }

    void discovery(HttpExchange ex, String base) throws IOException {
        try (InputStream in = QboOAuth.class.getResourceAsStream("/vendor/quickbooks/oauth/discovery.json")) {
            ObjectNode doc = (ObjectNode) QboWire.JSON.readTree(in);
            doc.put("issuer", base + "/op/v1");
            doc.put("authorization_endpoint", base + "/connect/oauth2");
            doc.put("token_endpoint", base + "/oauth2/v1/tokens/bearer");
            doc.put("userinfo_endpoint", base + "/v1/openid_connect/userinfo");
            doc.put("revocation_endpoint", base + "/v2/oauth2/tokens/revoke");
            doc.put("jwks_uri", base + "/op/v1/jwks");
            QboWire.sendJson(ex, 200, doc);
        }
    }

    void userInfo(HttpExchange ex) throws IOException {
        AccessToken token = accessToken(ex.getRequestHeaders().getFirst("Authorization"));
        if (token == null || !List.of(token.grant().scope.split(" ")).contains("openid")) {
            QboWire.sendJson(ex, 401, QboWire.JSON.createObjectNode().put("error", "invalid_token"));
            return;
        }
        try (InputStream in = QboOAuth.class.getResourceAsStream("/vendor/quickbooks/oauth/success_userinfo_response.json")) {
            ObjectNode doc = (ObjectNode) QboWire.JSON.readTree(in);
            doc.put("sub", token.grant().user.sub());
            doc.put("email", token.grant().user.email());
            QboWire.sendJson(ex, 200, doc);
        }
    }

    // ---- what the API and tests use ----

    /** The live access token named by an Authorization header, or null (missing, unknown, expired or revoked). */
    synchronized AccessToken accessToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        AccessToken t = accessTokens.get(authorization.substring(7).trim());
        if (t == null || t.grant().revoked || !clock.instant().isBefore(t.expiresAt())) return null;
        return t;
    }

    synchronized boolean knownButDead(String authorization) {
        if (authorization == null || authorization.length() < 8) return false;
        return accessTokens.containsKey(authorization.substring(7).trim());
    }

    synchronized void revokeRealm(String realmId) {
        grants.stream().filter(g -> g.realmId.equals(realmId)).forEach(g -> g.revoked = true);
    }

    synchronized void expireAccessTokens() {
        Instant past = clock.instant().minusSeconds(1);
        accessTokens.replaceAll((k, v) -> new AccessToken(v.grant(), past));
    }

    synchronized List<String> refreshLineage(String realmId) {
        for (int i = grants.size() - 1; i >= 0; i--) {
            if (grants.get(i).realmId.equals(realmId)) return List.copyOf(grants.get(i).refreshLineage);
        }
        return List.of();
    }

    // ---- helpers ----

    private void signInPage(HttpExchange ex, String tx, String error) throws IOException {
        String users = String.join(", ", settings.users().stream().map(QboSettings.TestUser::email).toList());
        page(ex, error == null ? 200 : 401, "Sign in", (error == null ? "" : "<p class=error>" + escape(error) + "</p>")
                + "<form method=post action=\"/connect/oauth2\"><input type=hidden name=tx value=\"" + tx + "\">"
                + "<label>Email or user ID <input name=email type=email autocomplete=username></label><br>"
                + "<label>Password <input name=password type=password autocomplete=current-password></label><br>"
                + "<button type=submit>Sign in</button></form><p class=hint>Test users: " + escape(users) + "</p>");
    }

    private static void page(HttpExchange ex, int status, String title, String body) throws IOException {
        QboWire.send(ex, status, "text/html;charset=UTF-8", "<!doctype html><html lang=en><head><meta charset=utf-8><title>"
                + escape(title) + " | Intuit (emulated)</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>");
    }

    private static void redirect(HttpExchange ex, String uri, String query) throws IOException {
        ex.getResponseHeaders().set("Location", uri + (uri.contains("?") ? "&" : "?") + query);
        QboWire.send(ex, 302, "text/plain", "");
    }

    private static String stateParam(String state) {
        return state == null ? "" : "&state=" + enc(state);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String token(String prefix) {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
