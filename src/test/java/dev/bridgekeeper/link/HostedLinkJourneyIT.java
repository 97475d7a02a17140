package dev.bridgekeeper.link;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.oauth.SandboxJourney;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.Tenant;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Hosted Link from the company's {@code redirect} URL as sent (Codat's works without a token), what the page's
 * Hosted Link token can and cannot do, the journey's own return address travelling with the sign-in, the lender's
 * name on the sandbox's consent page, and a Deny ending the consent given for a connection that never linked.
 */
@ApiIntegrationTest
class HostedLinkJourneyIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    private Tenant tenant;
    private String company;

    @BeforeEach
    void newCompany() {
        tenant = Tenant.create(jdbc, port, "Journey " + UUID.randomUUID().toString().substring(0, 8));
        assertThat(tenant.api().put("/profile", "{\"name\":\"Hosted Bank\",\"redirectUrl\":\"https://lender.example/"
                + "linked?company={companyId}&status={statusCode}&connection={connectionId}\",\"whiteListUrls\":"
                + "[\"https://lender.example\",\"https://portal.lender.example\"]}").status()).isEqualTo(200);
        company = tenant.api().post("/companies", "{\"name\":\"Hosted Journey Ltd\"}").json().path("id").asString();
    }

    /** The Hosted Link token the company's redirect page hands its journey. */
    private Api pageToken() {
        String redirect = tenant.api().get("/companies/" + company).json().path("redirect").asString();
        assertThat(redirect).isEqualTo(publicUrl + "/link/" + company);
        Api.Response page = Api.at(port).anonymous().get("/link/" + company);
        assertThat(page.status()).isEqualTo(200);
        Matcher token = Pattern.compile("access-token=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as(page.body()).isTrue();
        return Api.at(port).anonymous().withBearer(token.group(1));
    }

    @Test
    void theRedirectUrlAsSentRunsTheJourneyAndNothingElse() {
        Api token = pageToken();
        String base = "/link/api/companies/" + company;
        JsonNode shown = token.get(base).json();
        assertThat(shown.path("lender").path("name").asString()).isEqualTo("Hosted Bank");
        // Done goes back to the profile's redirect, {companyId} and {statusCode} filled in, per-connection ones empty
        assertThat(shown.path("returnUrl").asString())
                .isEqualTo("https://lender.example/linked?company=" + company + "&status=200&connection=");
        assertThat(token.get(base + "/integrations?sourceType=Banking").status()).isEqualTo(200);
        JsonNode connection = token.post(base + "/connections", "{\"platformKey\":\"sbbk\"}").json();
        String id = connection.path("id").asString();
        assertThat(token.get(base + "/connections/" + id).json().path("status").asString()).isEqualTo("PendingAuth");
        Api.Response consent = token.post(base + "/consents", "{\"connectionId\":\"" + id + "\",\"sourceType\":"
                + "\"Banking\",\"text\":\"I agree.\",\"channel\":\"Link\"}");
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        // the page's token says where the customer was; the body cannot claim otherwise
        assertThat(jdbc.queryForObject("select channel from consent_record where id = ?::uuid", String.class,
                consent.json().path("id").asString())).isEqualTo("HostedLink");

        // nothing beyond the journey: no consent records (they hold the customer's IP address), no disconnecting,
        // no data, no tokens, no other company
        String refusal = "A Hosted Link token can only run the Link journey for its company.";
        for (Api.Response refused : new Api.Response[] {
            token.get("/companies/" + company + "/consents"),
            token.post("/companies/" + company + "/consents/" + consent.json().path("id").asString() + "/revoke", "{}"),
            token.get(base + "/consents/pending"),
            token.get(base + "/connections"),
            token.patch(base + "/connections/" + id, "{\"status\":\"Unlinked\"}"),
            token.get("/companies/" + company + "/connections"),
            token.get("/companies/" + company + "/accessToken"),
            token.post("/companies/" + company + "/hostedLink/token", null),
            token.get("/companies/" + company + "/data/invoices"),
            token.get("/companies/" + company),
            token.get("/integrations"),
            token.get("/link/api/companies/" + UUID.randomUUID())}) {
            assertError(refused, 403);
            assertThat(refused.json().path("error").asString()).isEqualTo(refusal);
        }
    }

    @Test
    void theJourneysReturnAddressTravelsWithTheSignInInsteadOfTheProfilesRedirect() {
        Api token = pageToken();
        String base = "/link/api/companies/" + company;
        // the Hosted Link page itself, the only address of this server the journey may come back to
        JsonNode hosted = token.post(base + "/connections", "{\"platformKey\":\"sbac\"}").json();
        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), withReturn(hosted, publicUrl + "/link/"
                + company), publicUrl, "user_good", true);
        assertThat(Browser.location(back)).isEqualTo(publicUrl + "/link/" + company + "?statusCode=200&connectionId="
                + hosted.path("id").asString());

        // a lender's page on the allow list: back there, its own query kept, an earlier outcome replaced
        JsonNode embedded = token.post(base + "/connections", "{\"platformKey\":\"sbbk\"}").json();
        back = SandboxJourney.linkAs(new Browser(), withReturn(embedded,
                "https://portal.lender.example/apply?loan=42&statusCode=200"), publicUrl, "user_good", false);
        assertThat(Browser.location(back)).isEqualTo("https://portal.lender.example/apply?loan=42&statusCode=403"
                + "&connectionId=" + embedded.path("id").asString());

        // not on the allow list, or another company's Hosted Link: the profile's redirect as before
        for (String elsewhere : new String[] {"https://evil.example/steal", publicUrl + "/link/" + UUID.randomUUID(),
            publicUrl + "/oauth/callback", "javascript:alert(1)"}) {
            JsonNode other = token.post(base + "/connections", "{\"platformKey\":\"sbcm\"}").json();
            back = SandboxJourney.linkAs(new Browser(), withReturn(other, elsewhere), publicUrl, "user_good", false);
            assertThat(Browser.location(back)).as(elsewhere).startsWith("https://lender.example/linked?company="
                    + company + "&status=403&connection=" + other.path("id").asString());
        }
    }

    @Test
    void theSandboxAsksTheCustomerToAllowTheLender() {
        Api token = pageToken();
        JsonNode connection = token.post("/link/api/companies/" + company + "/connections",
                "{\"platformKey\":\"sbac\"}").json();
        Browser browser = new Browser();
        String authorize = Browser.location(browser.get(connection.path("linkUrl").asString()));
        assertThat(authorize).containsPattern("client_display_name=Hosted(\\+|%20)Bank");
        HttpResponse<String> login = browser.followWhile(browser.get(authorize), publicUrl + "/sandbox/");
        Browser.Form signIn = Browser.form(login, "Sign in");
        Map<String, String> credentials = signIn.clicking(null);
        credentials.put("username", "user_good");
        credentials.put("password", "pass_good");
        HttpResponse<String> consent = browser.followWhile(browser.postForm(signIn.action(), credentials),
                publicUrl + "/sandbox/");
        assertThat(consent.body()).contains("<h1>Allow Hosted Bank to read your accounting data?</h1>")
                .doesNotContain("Allow Bridgekeeper");
    }

    @Test
    void denyingAccessEndsTheConsentGivenForAConnectionThatNeverLinked() {
        Api token = pageToken();
        String base = "/link/api/companies/" + company;
        JsonNode connection = token.post(base + "/connections", "{\"platformKey\":\"sbbk\"}").json();
        String id = connection.path("id").asString();
        String consent = token.post(base + "/consents", "{\"connectionId\":\"" + id + "\",\"sourceType\":\"Banking\","
                + "\"text\":\"I agree.\"}").json().path("id").asString();

        SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(), publicUrl, "user_good", false);

        JsonNode ended = tenant.api().get("/companies/" + company + "/consents/" + consent).json();
        assertThat(ended.path("status").asString()).isEqualTo("Revoked");
        assertThat(ended.path("revokedBy").asString()).isEqualTo("Customer");
        assertThat(ended.path("revocationReason").asString())
                .isEqualTo("The customer did not allow access at Sandbox Banking.");
        assertThat(tenant.api().get("/companies/" + company + "/connections/" + id).json().path("status").asString())
                .isEqualTo("PendingAuth");

        // trying again records a new consent and links the same connection; the revoked one stays revoked
        String again = token.post(base + "/consents", "{\"connectionId\":\"" + id + "\",\"sourceType\":\"Banking\","
                + "\"text\":\"I agree again.\"}").json().path("id").asString();
        SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(), publicUrl, "user_good", true);
        assertThat(tenant.api().get("/companies/" + company + "/consents/" + again).json().path("status").asString())
                .isEqualTo("Active");
        assertThat(tenant.api().get("/companies/" + company + "/consents/" + consent).json().path("status").asString())
                .isEqualTo("Revoked");

        // denying a reconnect of a connection that has linked leaves the consent alone
        assertThat(tenant.api().patch("/companies/" + company + "/connections/" + id, "{\"status\":\"Unlinked\"}")
                .status()).isEqualTo(200);
        SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(), publicUrl, "user_good", false);
        assertThat(tenant.api().get("/companies/" + company + "/consents/" + again).json().path("status").asString())
                .isEqualTo("Active");
    }

    private static String withReturn(JsonNode connection, String address) {
        return connection.path("linkUrl").asString() + "?bk_return="
                + URLEncoder.encode(address, StandardCharsets.UTF_8);
    }
}
