package dev.bridgekeeper.link;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Hosted Link protected by one-time link tokens when the profile asks for it (opening the link only looks; the
 * customer's Get started spends it), and working from the redirect URL as sent when it does not.
 */
@ApiIntegrationTest
class HostedLinkTokenIT {

    private static final String PROTECTED = "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\",\"hostedLinkRequiresToken\":true}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Tenant tenant;
    private String company;

    @BeforeEach
    void newCompany() {
        tenant = Tenant.create(jdbc, port, "Hosted " + UUID.randomUUID().toString().substring(0, 8));
        company = tenant.api().post("/companies", "{\"name\":\"Hosted Ltd\"}").json().path("id").asString();
    }

    private Api.Response open(String linkUrl) {
        URI uri = URI.create(linkUrl);
        return Api.at(port).anonymous().get(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    @Test
    void aProtectedHostedLinkOpensOnceWithItsTokenAndHandsThePageACompanyToken() {
        assertThat(tenant.api().put("/profile", PROTECTED).json().path("hostedLinkRequiresToken").asBoolean()).isTrue();

        // the bare page holds no credential: only a tab that redeemed its link carries on (the journey says so)
        Api.Response bare = Api.at(port).anonymous().get("/link/" + company);
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.body()).contains("<bridgekeeper-link hosted company-id=\"" + company + "\"")
                .contains(" protected>").doesNotContain("access-token").doesNotContain("link-token");

        Api.Response issued = tenant.api().post("/companies/" + company + "/hostedLink/token", null);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        JsonNode body = issued.json();
        String token = body.path("token").asString();
        assertThat(token).startsWith("hlt_");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        assertThat(body.path("linkUrl").asString()).endsWith("/link/" + company + "?token=" + token);
        // only the digest is stored
        assertThat(jdbc.queryForObject("select count(*) from hosted_link_token where company_id = ?::uuid"
                + " and token_sha256 = sha256(convert_to(?, 'UTF8'))", Integer.class, company, token)).isEqualTo(1);

        // opening the link only looks at it (mail scanners and link previews open links too): twice is fine
        for (int visit = 0; visit < 2; visit++) {
            Api.Response opened = open(body.path("linkUrl").asString());
            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.body()).contains("link-token=\"" + token + "\"").contains("lender-name=\"Acme Bank\"")
                    .doesNotContain("access-token");
        }
        // the customer's Get started spends it for the tab's Hosted Link token
        Api.Response redeemed = Api.at(port).anonymous().post("/link/" + company, "{\"token\":\"" + token + "\"}");
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(200);
        assertThat(redeemed.header("Cache-Control")).contains("no-store");
        Api link = Api.at(port).anonymous().withBearer(redeemed.json().path("accessToken").asString());
        assertThat(link.get("/link/api/companies/" + company).json().path("companyName").asString())
                .isEqualTo("Hosted Ltd");
        assertError(link.get("/companies/" + company + "/consents"), 403);

        Api.Response again = Api.at(port).anonymous().post("/link/" + company, "{\"token\":\"" + token + "\"}");
        assertError(again, 410);
        assertThat(again.json().path("error").asString()).startsWith("This link has already been used.");
        Api.Response second = open(body.path("linkUrl").asString());
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.body()).contains("This link has already been used").doesNotContain("link-token");
    }

    @Test
    void redeemingNeedsAToken() {
        assertError(Api.at(port).anonymous().post("/link/" + company, "{}"), 400);
        assertError(Api.at(port).anonymous().post("/link/" + company, "{\"token\":\"hlt_madeup\"}"), 403);
    }

    @Test
    void anExpiredOrForeignOrMadeUpTokenIsRefused() {
        tenant.api().put("/profile", PROTECTED);
        String token = tenant.api().post("/companies/" + company + "/hostedLink/token", null).json().path("token")
                .asString();
        // time passes: the token's expiry is now behind us
        jdbc.update("update hosted_link_token set expires_utc = now() - interval '1 second' where company_id = ?::uuid",
                company);
        Api.Response expired = Api.at(port).anonymous().get("/link/" + company + "?token=" + token);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired");

        String other = tenant.api().post("/companies", "{\"name\":\"Other Ltd\"}").json().path("id").asString();
        String otherToken = tenant.api().post("/companies/" + other + "/hostedLink/token", null).json().path("token")
                .asString();
        Api.Response foreign = Api.at(port).anonymous().get("/link/" + company + "?token=" + otherToken);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("This link is not valid");
        assertThat(Api.at(port).anonymous().get("/link/" + company + "?token=hlt_madeup").status()).isEqualTo(403);
        assertError(Api.at(port).anonymous().post("/link/" + company, "{\"token\":\"" + otherToken + "\"}"), 403);
        // the foreign attempts did not use up the other company's token
        assertThat(Api.at(port).anonymous().post("/link/" + other, "{\"token\":\"" + otherToken + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void withoutTheProfileSettingTheRedirectUrlWorksAsSent() {
        assertThat(tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\"}").json()
                .path("hostedLinkRequiresToken").asBoolean()).isFalse();
        Api.Response page = Api.at(port).anonymous().get("/link/" + company);
        assertThat(page.status()).isEqualTo(200);
        Matcher token = Pattern.compile("access-token=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as(page.body()).isTrue();
        assertThat(page.body()).contains("company-id=\"" + company + "\"").doesNotContain(" protected");
        // a Hosted Link token: the journey for this company, nothing else
        Api hosted = Api.at(port).anonymous().withBearer(token.group(1));
        assertThat(hosted.get("/link/api/companies/" + company).status()).isEqualTo(200);
        assertError(hosted.get("/companies/" + company + "/consents"), 403);
        // an unknown company is a plain "not valid" page
        Api.Response unknown = Api.at(port).anonymous().get("/link/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("This link is not valid").doesNotContain("bridgekeeper-link");
    }

    @Test
    void thePagePolicyAllowsTheLendersHttpsLogoOriginAndNoOther() {
        tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\",\"logoUrl\":"
                + "\"https://cdn.acme.example:8443/brand/logo.svg\"}");
        Api.Response page = Api.at(port).anonymous().get("/link/" + company);
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("img-src 'self' data: https://cdn.acme.example:8443;")
                .contains("script-src 'self';").doesNotContain("unsafe");
        assertThat(page.body()).contains("lender-logo=\"https://cdn.acme.example:8443/brand/logo.svg\"");
        // the page's one inline style is allowed by its hash, nothing else inline
        Matcher style = Pattern.compile("<style>([^<]*)</style>").matcher(page.body());
        assertThat(style.find()).isTrue();
        String hash = java.util.Base64.getEncoder().encodeToString(sha256(style.group(1)));
        assertThat(policy).contains("style-src 'self' 'sha256-" + hash + "';");

        tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\",\"logoUrl\":"
                + "\"http://acme.example/logo.svg\"}");
        Api.Response plain = Api.at(port).anonymous().get("/link/" + company);
        assertThat(plain.header("Content-Security-Policy")).contains("img-src 'self' data:;");
        assertThat(plain.body()).doesNotContain("lender-logo");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyTheCompanysClientMayIssueTokens() {
        assertError(tenant.api().post("/companies/" + UUID.randomUUID() + "/hostedLink/token", null), 404);
        String accessToken = tenant.api().get("/companies/" + company + "/accessToken").json().path("accessToken")
                .asString();
        assertError(Api.at(port).anonymous().withBearer(accessToken)
                .post("/companies/" + company + "/hostedLink/token", null), 403);
    }
}
