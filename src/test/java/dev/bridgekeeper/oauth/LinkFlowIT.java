package dev.bridgekeeper.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The authorization flow end to end over real HTTP: linkUrl → sandbox sign-in and consent →
 * callback → the lender's redirect, then the credentials facade against the sandbox's API.
 * Each test uses its own client (tenant) so profile changes cannot leak between tests.
 */
@ApiIntegrationTest
class LinkFlowIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Value("${bridgekeeper.sandbox.client-secret}")
    String sandboxSecret;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    @Autowired
    MeterRegistry meters;

    Api api;
    UUID clientId;
    String companyId;

    @BeforeEach
    void newClient() {
        dev.bridgekeeper.support.Tenant tenant = dev.bridgekeeper.support.Tenant.create(jdbc, port, "Link IT");
        clientId = tenant.clientId();
        api = tenant.api();
        assertThat(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"https://lender.example/back?"
                + "company={companyId}&connection={connectionId}&status={statusCode}&platform={platform}"
                + "&name={platformName}\",\"whiteListUrls\":[\"https://lender.example\"]}").status()).isEqualTo(200);
        companyId = api.post("/companies", "{\"name\":\"Linked Co\"}").json().path("id").asString();
        // these tests count and revoke token refreshes; sync jobs on link would refresh tokens too
        assertThat(api.post("/companies/" + companyId + "/syncSettings", SingleFlightRefreshIT.NO_SYNC_ON_LINK)
                .status()).isEqualTo(204);
    }

    @Test
    void linksWithTheSandboxAndReturnsToTheLender() {
        JsonNode connection = createConnection("sbac");
        String id = connection.path("id").asString();

        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString()
                + "?journey=loan-42", publicUrl, "user_good", true);

        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(Browser.location(back)).isEqualTo("https://lender.example/back?company=" + companyId
                + "&connection=" + id + "&status=200&platform=sbac&name=Sandbox%20Accounting&journey=loan-42");
        JsonNode linked = api.get("/companies/" + companyId + "/connections/" + id).json();
        assertThat(linked.path("status").asString()).isEqualTo("Linked");
        assertThat(linked.path("connectionInfo").path("organisationName").asString()).contains("Sandbox Accounting");

        String token = token(id);
        HttpResponse<String> info = new Browser().getWithBearer(publicUrl + "/sandbox/accounting/api/company", token);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("user_good");
    }

    @Test
    void aStartedLinkSendsPkceAndTheOneCallbackUrl() {
        JsonNode connection = createConnection("sbbk");
        HttpResponse<String> start = new Browser().get(connection.path("linkUrl").asString());
        assertThat(start.statusCode()).isEqualTo(302);
        var query = UriComponentsBuilder.fromUriString(Browser.location(start)).build().getQueryParams();
        assertThat(query.getFirst("response_type")).isEqualTo("code");
        assertThat(query.getFirst("client_id")).isEqualTo("bridgekeeper");
        assertThat(decode(query.getFirst("redirect_uri"))).isEqualTo(publicUrl + "/oauth/callback");
        assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
        assertThat(query.getFirst("code_challenge")).hasSize(43);
        assertThat(query.getFirst("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(decode(query.getFirst("scope"))).isEqualTo("banking.read");
    }

    @Test
    void denyKeepsThePendingConnectionAndTellsTheLender() {
        JsonNode connection = createConnection("sbcm");
        String id = connection.path("id").asString();

        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(),
                publicUrl, "user_good", false);

        assertThat(Browser.location(back)).contains("&status=403&");
        JsonNode pending = api.get("/companies/" + companyId + "/connections/" + id).json();
        assertThat(pending.path("status").asString()).isEqualTo("PendingAuth");
        JsonNode error = pending.path("dataConnectionErrors").get(0);
        assertThat(error.path("statusCode").asString()).isEqualTo("403");
        assertThat(error.path("errorMessage").asString()).isEqualTo("User cancelled.");
        assertThat(error.path("status").asString()).isEqualTo("Active");
    }

    @Test
    void anExpiringTokenIsRefreshedBeforeUse() {
        JsonNode connection = link("sbbk", "user_expiring");
        double before = refreshes("banking");

        String token = token(connection.path("id").asString());

        assertThat(refreshes("banking")).isEqualTo(before + 1);
        assertThat(new Browser().getWithBearer(publicUrl + "/sandbox/banking/api/company", token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRevokedRefreshTokenDeauthorizesTheConnection() {
        JsonNode connection = link("sbac", "user_revoked");
        UUID id = UUID.fromString(connection.path("id").asString());
        expireStoredToken(id);
        token(id.toString()); // first refresh: accepted
        expireStoredToken(id);

        assertThatThrownBy(() -> token(id.toString()))
                .isInstanceOf(ConnectionDeauthorizedException.class);

        JsonNode deauthorized = api.get("/companies/" + companyId + "/connections/" + id).json();
        assertThat(deauthorized.path("status").asString()).isEqualTo("Deauthorized");
        JsonNode error = deauthorized.path("dataConnectionErrors").get(0);
        assertThat(error.path("statusCode").asString()).isEqualTo("401");
        assertThat(error.path("status").asString()).isEqualTo("Active");
        assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?",
                Integer.class, id)).isZero();
    }

    @Test
    void unlinkRevokesAtThePlatformAndRelinkKeepsTheSameConnection() {
        JsonNode connection = link("sbac", "user_good");
        String id = connection.path("id").asString();
        String token = token(id);
        assertThat(introspect("accounting", token).path("active").asBoolean()).isTrue();

        assertThat(api.patch("/companies/" + companyId + "/connections/" + id, "{\"status\":\"Unlinked\"}").json()
                .path("status").asString()).isEqualTo("Unlinked");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !introspect("accounting", token).path("active").asBoolean());
        assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?::uuid",
                Integer.class, id)).isZero();

        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(),
                publicUrl, "user_good", true);
        assertThat(Browser.location(back)).contains("connection=" + id + "&status=200");
        assertThat(api.get("/companies/" + companyId + "/connections/" + id).json().path("status").asString())
                .isEqualTo("Linked");
    }

    @Test
    void stateIsSingleUseAndTamperingIsRefused() {
        JsonNode connection = createConnection("sbbk");
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(connection.path("linkUrl").asString());
        String state = UriComponentsBuilder.fromUriString(Browser.location(start)).build().getQueryParams()
                .getFirst("state");

        HttpResponse<String> tampered = browser.get(publicUrl + "/oauth/callback?code=x&state=" + state + "x");
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("not valid");

        jdbc.update("update oauth_authorization_state set expires_utc = now() - interval '1 second'"
                + " where connection_id = ?::uuid", connection.path("id").asString());
        HttpResponse<String> expired = browser.get(publicUrl + "/oauth/callback?code=x&state=" + state);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("took too long");

        HttpResponse<String> replayed = browser.get(publicUrl + "/oauth/callback?code=x&state=" + state);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("already");
        assertThat(api.get("/companies/" + companyId + "/connections/" + connection.path("id").asString()).json()
                .path("status").asString()).isEqualTo("PendingAuth");
    }

    @Test
    void aRedirectOutsideTheAllowListIsNotFollowed() {
        assertThat(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"https://evil.example/steal?c={companyId}\","
                + "\"whiteListUrls\":[\"https://lender.example\"]}").status()).isEqualTo(200);
        JsonNode connection = createConnection("sbcm");

        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(),
                publicUrl, "user_good", true);

        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.headers().firstValue("Location")).isEmpty();
        assertThat(back.body()).contains("allowed list");
    }

    @Test
    void noTokenIsStoredInPlaintext() {
        JsonNode connection = link("sbcm", "user_good");
        String token = token(connection.path("id").asString());
        String refresh = jdbc.queryForObject("select refresh_token_sealed from connection_token where connection_id ="
                + " ?::uuid", String.class, connection.path("id").asString());
        assertThat(refresh).startsWith("v1.");

        assertThat(DatabaseScan.tablesContaining(jdbc, token)).isEmpty();
    }

    private JsonNode link(String platformKey, String user) {
        JsonNode connection = createConnection(platformKey);
        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(),
                publicUrl, user, true);
        assertThat(Browser.location(back)).contains("&status=200&");
        return connection;
    }

    private JsonNode createConnection(String platformKey) {
        Api.Response created = api.post("/companies/" + companyId + "/connections",
                "{\"platformKey\":\"" + platformKey + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    private void expireStoredToken(UUID connectionId) {
        jdbc.update("update connection_token set expires_utc = now() where connection_id = ?", connectionId);
    }

    private double refreshes(String platform) {
        return meters.find("bridgekeeper.sandbox.token.requests").tag("platform", platform)
                .tag("grant_type", "refresh_token").counters().stream().mapToDouble(Counter::count).sum();
    }

    private JsonNode introspect(String platform, String token) {
        String basic = Base64.getEncoder().encodeToString(("bridgekeeper:" + sandboxSecret).getBytes());
        HttpResponse<String> answer = new Browser().postFormWithBasic(
                publicUrl + "/sandbox/" + platform + "/oauth2/introspect", java.util.Map.of("token", token), basic);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer.body());
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A current access token for one of this test's connections, as the sync engine obtains it. */
    private String token(String connectionId) {
        return credentials.accessToken(ClientId.of(clientId), CompanyId.of(companyId), ConnectionId.of(connectionId));
    }
}
