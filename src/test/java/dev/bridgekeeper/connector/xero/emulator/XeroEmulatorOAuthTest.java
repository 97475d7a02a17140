package dev.bridgekeeper.connector.xero.emulator;

import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.CLIENT_ID;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.CLIENT_SECRET;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.REDIRECT;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.SCOPES;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.basic;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.json;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.DEMO_TENANT;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.HARBOUR_TENANT;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.MULTI_ORG_USER;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.NORTHWIND_TENANT;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.PASSWORD;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.SINGLE_ORG_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The emulated Xero identity side over real HTTP: authorize pages, tokens, rotation, revocation, connections. */
class XeroEmulatorOAuthTest {

    private static XeroEmulator xero;
    private static EmulatorHttp client;

    @BeforeAll
    static void start() {
        xero = XeroEmulator.start(XeroEmulatorConfig.defaults()).registerApp(EmulatorHttp.app());
        client = new EmulatorHttp(xero);
    }

    @AfterAll
    static void stop() {
        xero.close();
    }

    @AfterEach
    void everyRequestMatchedXerosDescriptions() {
        List<EmulatorStats.Violation> violations = xero.stats().violations();
        xero.stats().reset();
        assertThat(violations).isEmpty();
    }

    @Test
    void aUserSignsInConsentsAndTheAppGetsTokensConnectionsAndData() throws Exception {
        String state = "state-" + UUID.randomUUID();
        URI back = client.browser.allow(client.authorizeUrl(CLIENT_ID, SCOPES, state, null), SINGLE_ORG_USER, PASSWORD,
                List.of(DEMO_TENANT));
        Map<String, String> callback = XeroSignIn.callbackParameters(back);
        assertThat(back.toString()).startsWith(REDIRECT + "?");
        assertThat(callback).containsEntry("state", state).containsKeys("code", "scope", "session_state");

        HttpResponse<String> exchanged = client.token(basic(CLIENT_ID, CLIENT_SECRET), Map.of(
                "grant_type", "authorization_code", "code", callback.get("code"), "redirect_uri", REDIRECT));
        assertThat(exchanged.statusCode()).isEqualTo(200);
        JsonNode tokens = json(exchanged);
        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(1800);
        assertThat(tokens.path("refresh_token").asString()).hasSize(64);
        assertThat(tokens.path("scope").asString().split(" ")).contains("offline_access", "accounting.reports.read");

        // the access token is a JWT signed with the key published at jwks_uri, naming the auth event
        JsonNode discovery = json(client.send(HttpRequest.newBuilder(URI.create(xero.discoveryUrl())).build()));
        JWKSet keys = JWKSet.parse(client.send(HttpRequest.newBuilder(URI.create(discovery.path("jwks_uri").asString()))
                .build()).body());
        SignedJWT access = SignedJWT.parse(tokens.path("access_token").asString());
        assertThat(access.verify(new RSASSAVerifier((RSAKey) keys.getKeys().get(0)))).isTrue();
        String authEventId = access.getJWTClaimsSet().getStringClaim("authentication_event_id");
        SignedJWT id = SignedJWT.parse(tokens.path("id_token").asString());
        assertThat(id.getJWTClaimsSet().getStringClaim("email")).isEqualTo(SINGLE_ORG_USER);
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly(CLIENT_ID);

        HttpResponse<String> connections = client.connections(tokens.path("access_token").asString());
        assertThat(connections.statusCode()).isEqualTo(200);
        JsonNode connection = json(connections).get(0);
        assertThat(json(connections)).hasSize(1);
        assertThat(connection.path("tenantId").asString()).isEqualTo(DEMO_TENANT.toString());
        assertThat(connection.path("tenantType").asString()).isEqualTo("ORGANISATION");
        assertThat(connection.path("tenantName").asString()).isEqualTo("Demo Company (NZ)");
        assertThat(connection.path("authEventId").asString()).isEqualTo(authEventId);
        assertThat(connection.path("createdDateUtc").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}");
        assertThat(connection.has("id") && connection.has("updatedDateUtc")).isTrue();

        HttpResponse<String> organisation = client.api(tokens.path("access_token").asString(), DEMO_TENANT,
                "/Organisation");
        assertThat(organisation.statusCode()).isEqualTo(200);
        assertThat(json(organisation).path("Organisations").get(0).path("OrganisationID").asString())
                .isEqualTo(DEMO_TENANT.toString());
    }

    @Test
    void anAdviserTicksTwoOfThreeOrganisationsAndOnlyThoseAreReachable() {
        JsonNode tokens = client.link(MULTI_ORG_USER, List.of(NORTHWIND_TENANT, HARBOUR_TENANT), SCOPES);
        String access = tokens.path("access_token").asString();
        List<String> tenants = new ArrayList<>();
        json(client.connections(access)).forEach(c -> tenants.add(c.path("tenantId").asString()));
        assertThat(tenants).containsExactlyInAnyOrder(NORTHWIND_TENANT.toString(), HARBOUR_TENANT.toString());
        assertThat(client.api(access, NORTHWIND_TENANT, "/Organisation").statusCode()).isEqualTo(200);
        HttpResponse<String> other = client.api(access, DEMO_TENANT, "/Organisation");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).path("Detail").asString()).isEqualTo("AuthenticationUnsuccessful");
    }

    @Test
    void anAdviserWhoTicksNothingIsAskedAgain() {
        assertThatThrownBy(() -> client.browser.allow(client.authorizeUrl(CLIENT_ID, SCOPES, "s", null),
                MULTI_ORG_USER, PASSWORD, List.of()))
                .hasMessageContaining("Select at least one organisation");
    }

    @Test
    void cancellingAtTheConsentPageSendsAccessDeniedWithTheState() {
        URI back = client.browser.deny(client.authorizeUrl(CLIENT_ID, SCOPES, "keep-me", null), SINGLE_ORG_USER,
                PASSWORD);
        assertThat(XeroSignIn.callbackParameters(back)).containsEntry("error", "access_denied")
                .containsEntry("state", "keep-me").doesNotContainKey("code");
    }

    @Test
    void aWrongPasswordKeepsTheUserOnTheSignInPage() {
        assertThatThrownBy(() -> client.browser.allow(client.authorizeUrl(CLIENT_ID, SCOPES, "s", null),
                SINGLE_ORG_USER, "wrong", List.of(DEMO_TENANT)))
                .hasMessageContaining("email or password is incorrect");
    }

    @Test
    void aRedirectUriThatIsNotRegisteredExactlyGetsAnErrorPageAndNoRedirect() {
        String url = client.authorizeUrl(CLIENT_ID, SCOPES, "s", null).replace("callback", "callback%2F");
        HttpResponse<String> page = client.browser.open(url);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("Invalid redirect_uri");
    }

    @Test
    void anUnknownScopeIsRefusedAsXeroDoes() {
        HttpResponse<String> page = client.browser.open(client.authorizeUrl(CLIENT_ID,
                "offline_access accounting.everything", "s", null));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("unauthorized_client").contains("Invalid scope for client: accounting.everything");
    }

    @Test
    void anAppCreatedAfterTheGranularScopeCutOverCannotAskForTheBroadScopes() {
        String clientId = "GRANULAR" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        xero.registerApp(new XeroApp("New app", clientId, "secret", Set.of(REDIRECT), true));
        HttpResponse<String> broad = client.browser.open(client.authorizeUrl(clientId,
                "offline_access accounting.transactions.read", "s", null));
        assertThat(broad.statusCode()).isEqualTo(400);
        assertThat(broad.body()).contains("Invalid scope for client: accounting.transactions.read");
        HttpResponse<String> granular = client.browser.open(client.authorizeUrl(clientId,
                "offline_access accounting.invoices.read accounting.reports.balancesheet.read", "s", null));
        assertThat(granular.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutOfflineAccessThereIsNoRefreshToken() {
        // a second app, because scopes a user granted earlier to the same app would carry over
        String clientId = "ONLINE" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        xero.registerApp(new XeroApp("Online-only app", clientId, "online-secret", Set.of(REDIRECT), false));
        URI back = client.browser.allow(client.authorizeUrl(clientId, "accounting.settings.read", "s", null),
                SINGLE_ORG_USER, PASSWORD, List.of(DEMO_TENANT));
        JsonNode tokens = json(client.token(basic(clientId, "online-secret"), Map.of("grant_type", "authorization_code",
                "code", XeroSignIn.callbackParameters(back).get("code"), "redirect_uri", REDIRECT)));
        assertThat(tokens.has("access_token")).isTrue();
        assertThat(tokens.has("refresh_token")).isFalse();
        assertThat(tokens.has("id_token")).isFalse();
    }

    @Test
    void refreshRotatesTheTokenAndTheOldOneWorksOnlyDuringTheThirtyMinuteGrace() {
        JsonNode first = client.link(SINGLE_ORG_USER, List.of(DEMO_TENANT), SCOPES);
        String t0 = first.path("refresh_token").asString();

        JsonNode second = json(client.refresh(t0));
        String t1 = second.path("refresh_token").asString();
        assertThat(t1).isNotEqualTo(t0);
        assertThat(second.path("access_token").asString()).isNotEqualTo(first.path("access_token").asString());

        // the answer was "lost": the previous token is still good within the grace period
        xero.clock().advance(Duration.ofMinutes(29));
        HttpResponse<String> retry = client.refresh(t0);
        assertThat(retry.statusCode()).isEqualTo(200);

        xero.clock().advance(Duration.ofMinutes(2));
        HttpResponse<String> late = client.refresh(t0);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(json(late).path("error").asString()).isEqualTo("invalid_grant");
        HttpResponse<String> next = client.refresh(t1);
        assertThat(next.statusCode()).isEqualTo(200);

        List<XeroEmulator.RefreshTokenView> lineage = xero.refreshTokenLineage(t0);
        assertThat(lineage).extracting(XeroEmulator.RefreshTokenView::token).startsWith(t0, t1);
        assertThat(lineage.get(0).state()).isEqualTo("USED");
        assertThat(lineage.get(0).uses()).isEqualTo(2);
        assertThat(lineage.get(1).parentToken()).isEqualTo(t0);
        assertThat(lineage.get(1).generation()).isEqualTo(1);
        assertThat(lineage).extracting(XeroEmulator.RefreshTokenView::state).endsWith("ACTIVE");
    }

    @Test
    void anUnusedRefreshTokenExpiresAfterSixtyDays() {
        JsonNode tokens = client.link(SINGLE_ORG_USER, List.of(DEMO_TENANT), SCOPES);
        xero.clock().advance(Duration.ofDays(60).plusMinutes(1));
        HttpResponse<String> refresh = client.refresh(tokens.path("refresh_token").asString());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(json(refresh).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void anAccessTokenLastsThirtyMinutesAndThenTheApiAnswers401() {
        JsonNode tokens = client.link(SINGLE_ORG_USER, List.of(DEMO_TENANT), SCOPES);
        String access = tokens.path("access_token").asString();
        assertThat(client.api(access, DEMO_TENANT, "/Currencies").statusCode()).isEqualTo(200);
        xero.clock().advance(Duration.ofMinutes(30));
        HttpResponse<String> expired = client.api(access, DEMO_TENANT, "/Currencies");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("invalid_token"));
        assertThat(json(expired).path("Detail").asString()).startsWith("TokenExpired");
        String fresh = json(client.refresh(tokens.path("refresh_token").asString())).path("access_token").asString();
        assertThat(client.api(fresh, DEMO_TENANT, "/Currencies").statusCode()).isEqualTo(200);
    }

    @Test
    void expiringAllAccessTokensNowMakesTheNextCallFail() {
        String access = client.link(SINGLE_ORG_USER, List.of(DEMO_TENANT), SCOPES).path("access_token").asString();
        xero.expireAccessTokensNow();
        assertThat(client.api(access, DEMO_TENANT, "/Currencies").statusCode()).isEqualTo(401);
    }

    @Test
    void revokingTheRefreshTokenEndsTheGrantAndRemovesTheConnections() {
        JsonNode tokens = client.link(MULTI_ORG_USER, List.of(DEMO_TENANT, NORTHWIND_TENANT), SCOPES);
        String refresh = tokens.path("refresh_token").asString();
        HttpResponse<String> revoked = client.post(xero.revocationUrl(), basic(CLIENT_ID, CLIENT_SECRET),
                Map.of("token", refresh));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(client.refresh(refresh)).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(client.api(tokens.path("access_token").asString(), DEMO_TENANT, "/Currencies").statusCode())
                .isEqualTo(401);
        assertThat(xero.refreshTokenLineage(refresh)).extracting(XeroEmulator.RefreshTokenView::state)
                .containsOnly("REVOKED");
        // revoking an unknown token is not an error (RFC 7009)
        assertThat(client.post(xero.revocationUrl(), basic(CLIENT_ID, CLIENT_SECRET), Map.of("token", "nope"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theUserDisconnectingTheAppInXeroBreaksRefreshAndApiCalls() {
        JsonNode tokens = client.link(SINGLE_ORG_USER, List.of(DEMO_TENANT), SCOPES);
        xero.revokeConsent(SINGLE_ORG_USER, CLIENT_ID);
        assertThat(json(client.refresh(tokens.path("refresh_token").asString())).path("error").asString())
                .isEqualTo("invalid_grant");
        assertThat(client.api(tokens.path("access_token").asString(), DEMO_TENANT, "/Currencies").statusCode())
                .isEqualTo(401);
    }

    @Test
    void deletingAConnectionDisconnectsThatOrganisationOnly() {
        JsonNode tokens = client.link(MULTI_ORG_USER, List.of(DEMO_TENANT, HARBOUR_TENANT), SCOPES);
        String access = tokens.path("access_token").asString();
        String harbourConnection = null;
        for (JsonNode c : json(client.connections(access))) {
            if (c.path("tenantId").asString().equals(HARBOUR_TENANT.toString())) {
                harbourConnection = c.path("id").asString();
            }
        }
        assertThat(client.deleteConnection(access, harbourConnection).statusCode()).isEqualTo(204);
        assertThat(client.deleteConnection(access, harbourConnection).statusCode()).isEqualTo(404);
        assertThat(client.api(access, HARBOUR_TENANT, "/Currencies").statusCode()).isEqualTo(403);
        assertThat(client.api(access, DEMO_TENANT, "/Currencies").statusCode()).isEqualTo(200);
    }

    @Test
    void clientCredentialsMustComeAsHttpBasicAndBeRight() {
        URI back = client.browser.allow(client.authorizeUrl(CLIENT_ID, SCOPES, "s", null), SINGLE_ORG_USER, PASSWORD,
                List.of(DEMO_TENANT));
        String code = XeroSignIn.callbackParameters(back).get("code");
        HttpResponse<String> inBody = client.token(null, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
        assertThat(inBody.statusCode()).isEqualTo(400);
        assertThat(json(inBody).path("error").asString()).isEqualTo("invalid_client");
        HttpResponse<String> wrong = client.token(basic(CLIENT_ID, "not-it"), Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertThat(json(wrong).path("error").asString()).isEqualTo("invalid_client");
        HttpResponse<String> right = client.token(basic(CLIENT_ID, CLIENT_SECRET), Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertThat(right.statusCode()).isEqualTo(200);
        HttpResponse<String> replay = client.token(basic(CLIENT_ID, CLIENT_SECRET), Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertThat(json(replay).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aPkceAppProvesTheVerifierInsteadOfASecret() {
        String clientId = "PKCE" + UUID.randomUUID().toString().replace("-", "").substring(0, 28);
        xero.registerApp(new XeroApp("Desktop app", clientId, null, Set.of(REDIRECT), false));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Pkce.s256(verifier);

        assertThat(client.browser.open(client.authorizeUrl(clientId, SCOPES, "s", null)).body())
                .contains("code_challenge is required");
        URI back = client.browser.allow(client.authorizeUrl(clientId, SCOPES, "s", challenge), SINGLE_ORG_USER,
                PASSWORD, List.of(DEMO_TENANT));
        String code = XeroSignIn.callbackParameters(back).get("code");
        HttpResponse<String> wrong = client.token(null, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", clientId, "code_verifier", verifier.replace('A', 'B') + "x"));
        assertThat(json(wrong).path("error").asString()).isEqualTo("invalid_grant");

        URI again = client.browser.allow(client.authorizeUrl(clientId, SCOPES, "s", challenge), SINGLE_ORG_USER,
                PASSWORD, List.of(DEMO_TENANT));
        HttpResponse<String> right = client.token(null, Map.of("grant_type", "authorization_code",
                "code", XeroSignIn.callbackParameters(again).get("code"), "redirect_uri", REDIRECT,
                "client_id", clientId, "code_verifier", verifier));
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void scopesAddUpAcrossAuthorisations() {
        client.link(SINGLE_ORG_USER, List.of(DEMO_TENANT), "offline_access accounting.settings.read");
        JsonNode second = client.link(SINGLE_ORG_USER, List.of(DEMO_TENANT), "offline_access accounting.contacts.read");
        assertThat(second.path("scope").asString().split(" ")).contains("accounting.settings.read",
                "accounting.contacts.read");
    }

    @Test
    void requestsThatBreakTheDescriptionAreRecorded() {
        HttpResponse<String> bad = client.token(basic(CLIENT_ID, CLIENT_SECRET), Map.of("grant_type", "password",
                "username", "x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(xero.stats().violations()).hasSize(1);
        assertThat(xero.stats().violations().get(0).target()).isEqualTo("/connect/token");
        xero.stats().reset();
    }
}
