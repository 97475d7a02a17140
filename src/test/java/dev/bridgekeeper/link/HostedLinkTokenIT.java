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

/** Hosted Link protected by one-time link tokens when the profile asks for it, and unchanged when it does not. */
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

        Api.Response bare = Api.at(port).anonymous().get("/link/" + company);
        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.body()).contains("Open the link you were sent").doesNotContain("bridgekeeper-link");

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

        Api.Response first = open(body.path("linkUrl").asString());
        assertThat(first.status()).isEqualTo(200);
        Matcher accessToken = Pattern.compile("access-token=\"([^\"]+)\"").matcher(first.body());
        assertThat(accessToken.find()).as(first.body()).isTrue();
        // the page's company token works on the Link API for this company
        Api link = Api.at(port).anonymous().withBearer(accessToken.group(1));
        assertThat(link.get("/link/api/companies/" + company).json().path("companyName").asString())
                .isEqualTo("Hosted Ltd");

        Api.Response second = open(body.path("linkUrl").asString());
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.body()).contains("This link has already been used").doesNotContain("access-token");
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
        // the foreign attempt did not use up the other company's token
        assertThat(Api.at(port).anonymous().get("/link/" + other + "?token=" + otherToken).status()).isEqualTo(200);
    }

    @Test
    void withoutTheProfileSettingHostedLinkIsUnchanged() {
        assertThat(tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\"}").json()
                .path("hostedLinkRequiresToken").asBoolean()).isFalse();
        Api.Response page = Api.at(port).anonymous().get("/link/" + company);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("company-id=\"" + company + "\"").doesNotContain("access-token");
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
