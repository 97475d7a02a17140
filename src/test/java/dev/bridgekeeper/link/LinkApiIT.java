package dev.bridgekeeper.link;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The Link UI's API with a company token: display data, integrations, connections, consents, CORS, Hosted Link. */
@ApiIntegrationTest
class LinkApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Tenant tenant;
    private String company;
    private Api token;
    private String base;

    @BeforeEach
    void newCompanyAndToken() {
        tenant = Tenant.create(jdbc, port, "Link " + UUID.randomUUID().toString().substring(0, 8));
        String profile = "{\"name\":\"Acme Bank\",\"logoUrl\":\"https://acme.example/logo.svg\",\"redirectUrl\":\"\"}";
        assertThat(tenant.api().put("/profile", profile).status()).isEqualTo(200);
        Api.Response created = tenant.api().post("/companies", "{\"name\":\"Tiny Trading Ltd\"}");
        company = created.json().path("id").asString();
        String accessToken = tenant.api().get("/companies/" + company + "/accessToken").json().path("accessToken")
                .asString();
        token = Api.at(port).anonymous().withBearer(accessToken);
        base = "/link/api/companies/" + company;
    }

    @Test
    void showsTheCompanyAndTheLender() {
        JsonNode body = token.get(base).json();
        assertThat(body.path("companyName").asString()).isEqualTo("Tiny Trading Ltd");
        assertThat(body.path("lender").path("name").asString()).isEqualTo("Acme Bank");
        assertThat(body.path("lender").path("logoUrl").asString()).isEqualTo("https://acme.example/logo.svg");
        assertThat(body.path("lender").path("supportEmail").isNull()).isTrue();
        assertThat(body.path("returnUrl").isNull()).as("no redirect, nowhere for Hosted Link's Done to go").isTrue();

        assertThat(tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"https://acme.example/"
                + "done?c={companyId}\",\"whiteListUrls\":[\"https://acme.example\"],\"supportEmail\":"
                + "\"help@acme.example\",\"privacyPolicyUrl\":\"https://acme.example/privacy\"}").status())
                .isEqualTo(200);
        JsonNode contacts = token.get(base).json();
        assertThat(contacts.path("lender").path("supportEmail").asString()).isEqualTo("help@acme.example");
        assertThat(contacts.path("lender").path("privacyPolicyUrl").asString())
                .isEqualTo("https://acme.example/privacy");
        assertThat(contacts.path("returnUrl").asString()).isEqualTo("https://acme.example/done?c=" + company);

        // an unnamed profile (a fresh install's) has no name to show: the journey says "your lender"
        jdbc.update("update profile set name = '' where client_id = ?", tenant.clientId());
        assertThat(token.get(base).json().path("lender").path("name").isNull()).isTrue();
    }

    @Test
    void theHostedLinkPageOnThePublicUrlIsItsOwnOriginEvenBehindAProxy() {
        // the request reaches the server as 127.0.0.1 (a TLS-terminating proxy's inner address), the browser sends
        // the public origin (here http://localhost:port): that is Hosted Link itself, not a foreign page
        String publicOrigin = "http://localhost:" + port;
        Api.Response own = token.send(withOrigin(base, publicOrigin));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertError(token.send(withOrigin(base, "http://127.0.0.1:" + port)), 403);
        assertError(token.send(withOrigin(base, "https://localhost:" + port)), 403);
    }

    @Test
    void filtersIntegrationsBySourceTypeSandboxAndAllowedKeys() {
        JsonNode banking = token.get(base + "/integrations?sourceType=Banking").json();
        assertThat(banking.valueStream().map(i -> i.path("key").asString()).toList()).containsExactly("sbbk");
        assertThat(banking.get(0).path("logoUrl").asString()).endsWith("/branding/sbbk/" + banking.get(0)
                .path("logoUrl").asString().replaceAll(".*/", ""));
        assertThat(banking.get(0).path("dataTypes").size()).isPositive();
        // the square icon for the picker's tiles, next to the wide logo
        assertThat(banking.get(0).path("iconUrl").asString()).endsWith("/branding/sbbk/sandbox-banking-icon.svg");

        JsonNode allowed = token.get(base + "/integrations?allowedIntegrations=SBAC,nope").json();
        assertThat(allowed.valueStream().map(i -> i.path("key").asString()).toList()).containsExactly("sbac");
        assertThat(token.get(base + "/integrations?showSandboxIntegrations=false").json().size()).isZero();
        assertBadField(token.get(base + "/integrations?sourceType=Bakery"), "sourceType");
    }

    @Test
    void aRetryReusesThePendingConnectionAndItsStateIsReadable() {
        JsonNode first = token.post(base + "/connections", "{\"platformKey\":\"sbac\"}").json();
        JsonNode again = token.post(base + "/connections", "{\"platformKey\":\"sbac\"}").json();
        assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(first.path("linkUrl").asString()).contains("/companies/" + company + "/connections/");

        JsonNode state = token.get(base + "/connections/" + first.path("id").asString()).json();
        assertThat(state.path("status").asString()).isEqualTo("PendingAuth");
        assertThat(state.path("errorCount").asInt()).isZero();
        assertThat(state.path("platformName").asString()).isEqualTo("Sandbox Accounting");

        assertBadField(token.post(base + "/connections", "{}"), "platformKey");
        assertError(token.get(base + "/connections/" + UUID.randomUUID()), 404);
    }

    @Test
    void recordsTheExactConsentTextWithItsDigest() throws Exception {
        String connection = token.post(base + "/connections", "{\"platformKey\":\"sbbk\"}").json().path("id")
                .asString();
        String text = "Connect Sandbox Banking\n\nPurpose\nAcme Bank uses this data — ✓ read-only.";
        String body = "{\"connectionId\":\"" + connection + "\",\"sourceType\":\"Banking\",\"text\":"
                + "\"Connect Sandbox Banking\\n\\nPurpose\\nAcme Bank uses this data — ✓ read-only.\"}";
        Api.Response recorded = token.post(base + "/consents", body);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(recorded.json().path("textSha256").asString()).isEqualTo(digest);

        Map<String, Object> row = jdbc.queryForMap("select * from consent_record where id = ?::uuid",
                recorded.json().path("id").asString());
        assertThat(row.get("consent_text")).isEqualTo(text);
        assertThat(row.get("source_type")).isEqualTo("Banking");
        assertThat(row.get("granted_by")).isEqualTo("CompanyToken");
        assertThat(row.get("channel")).isEqualTo("Link");
        assertThat(((java.util.UUID[]) ((java.sql.Array) row.get("connection_ids")).getArray())).extracting(
                java.util.UUID::toString).containsExactly(connection);
        assertThat(row.get("client_id")).isEqualTo(tenant.clientId());
    }

    @Test
    void badConsentsAreRefusedField_byField() {
        assertBadField(token.post(base + "/consents", "{\"sourceType\":\"Banking\"}"), "text");
        assertBadField(token.post(base + "/consents", "{\"text\":\"ok\"}"), "sourceType");
        assertBadField(token.post(base + "/consents", "{\"text\":\"ok\",\"sourceType\":\"Cake\"}"), "sourceType");
        assertBadField(token.post(base + "/consents", "{\"text\":\"ok\",\"sourceType\":\"Banking\",\"connectionId\":"
                + "\"nope\"}"), "connectionId");
        assertError(token.post(base + "/consents", "{\"text\":\"ok\",\"sourceType\":\"Banking\",\"connectionId\":\""
                + UUID.randomUUID() + "\"}"), 404);
        assertBadField(token.post(base + "/consents", "{\"text\":\"" + "x".repeat(20_001)
                + "\",\"sourceType\":\"Banking\"}"), "text");
        assertBadField(token.post(base + "/consents", "{\"text\":\"ok\",\"sourceType\":\"Banking\",\"channel\":"
                + "\"Api\"}"), "channel");
        assertBadField(token.post(base + "/consents", "{\"text\":\"ok\",\"sourceType\":\"Banking\",\"textVersion\":\""
                + "v".repeat(101) + "\"}"), "textVersion");
        assertThat(jdbc.queryForObject("select count(*) from consent_record where company_id = ?::uuid", Integer.class,
                company)).as("nothing half-written").isZero();
    }

    @Test
    void corsFollowsTheClientsAllowedOrigins() {
        String origin = "https://shop-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Api.Response preflight = token.send(HttpRequest.newBuilder(URI.create(token.base() + base))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").timeout(Duration.ofSeconds(10)).build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

        Api.Response refused = token.send(withOrigin(base, origin));
        assertError(refused, 403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

        assertThat(tenant.api().post("/corsSettings", "{\"allowedOrigins\":[\"" + origin + "\"]}").status())
                .isEqualTo(200);
        Api.Response allowed = token.send(withOrigin(base, origin));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(origin);
    }

    @Test
    void hostedLinkIsAPageWithoutInlineScriptOrSecrets() {
        Api.Response page = Api.at(port).anonymous().get("/link/" + company);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/link/sdk.js\"></script>")
                .contains("company-id=\"" + company + "\"")
                .doesNotContainPattern("<script>|<script [^>]*>[^<]");
        assertError(Api.at(port).anonymous().get("/link/not-a-company"), 404);
    }

    private HttpRequest withOrigin(String path, String origin) {
        return HttpRequest.newBuilder(URI.create(token.base() + path)).GET()
                .header("Authorization", token.authorization()).header("Origin", origin)
                .timeout(Duration.ofSeconds(10)).build();
    }
}
