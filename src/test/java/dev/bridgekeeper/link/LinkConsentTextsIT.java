package dev.bridgekeeper.link;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Link consent screen's product texts: the company's products that use a source type, rendered for the
 * company with the configured version and locale, the same text an API-granted consent records; only for the
 * company the token belongs to.
 */
@ApiIntegrationTest
class LinkConsentTextsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCompanysProductsTextsAreRenderedForItAndMatchWhatTheApiRecords() {
        String lender = "Texts Bank " + UUID.randomUUID().toString().substring(0, 8);
        Tenant tenant = Tenant.create(jdbc, port, lender);
        UUID companyId = company(tenant, "Acme Bakery Ltd");
        Api token = token(tenant, companyId);
        String texts = "/link/api/companies/" + companyId + "/consentTexts";

        // no products: the Link UI keeps its own wording
        assertThat(token.get(texts + "?sourceType=Banking").json().size()).isZero();

        assertThat(tenant.api().put("/companies/" + companyId + "/products/onboarding", null).status()).isEqualTo(204);
        assertThat(tenant.api().put("/companies/" + companyId + "/products/lending", null).status()).isEqualTo(204);
        JsonNode banking = token.get(texts + "?sourceType=banking&platformKey=sbbk").json();
        assertThat(banking.size()).isEqualTo(2);
        JsonNode onboarding = banking.get(0);
        assertThat(onboarding.path("productIdentifier").asString()).isEqualTo("onboarding");
        assertThat(onboarding.path("sourceType").asString()).isEqualTo("Banking");
        assertThat(onboarding.path("textVersion").asString()).isEqualTo("2026-11-01");
        assertThat(onboarding.path("locale").asString()).isEqualTo("en-GB");
        // plain words for the customer: no source type in brackets, no data type keys
        assertThat(onboarding.path("heading").asString()).isEqualTo("Onboarding: your banking data");
        assertThat(onboarding.path("sections").valueStream().map(s -> s.path("title").asString()).toList())
                .containsExactly("Purpose", "Access", "Account information", "Platform data", "Retention");
        assertThat(onboarding.path("sections").get(0).path("body").asString()).isEqualTo(
                lender + " uses this data to open and verify the account of Acme Bakery Ltd.");
        assertThat(onboarding.path("sections").get(3).path("body").asString()).isEqualTo(lender + " will read:\n"
                + "- Bank accounts\n- Account balances\n- Bank transactions");
        assertThat(onboarding.path("dataTypes").valueStream().map(JsonNode::asString).toList())
                .containsExactly("banking-accounts", "banking-accountBalances", "banking-transactions");
        assertThat(banking.get(1).path("productIdentifier").asString()).isEqualTo("lending");
        assertThat(banking.get(1).path("sections").get(0).path("body").asString()).contains("Acme Bakery Ltd");

        // the joined text is exactly what the server records for a consent granted through the API
        String granted = tenant.api().post("/companies/" + companyId + "/consents",
                "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\"}").json().path("text").asString();
        assertThat(token.get(texts + "?sourceType=Banking").json().get(0).path("text").asString())
                .isEqualTo(granted);
        assertThat(onboarding.path("text").asString()).isEqualTo(granted);

        // only products that use the source type
        JsonNode commerce = token.get(texts + "?sourceType=Commerce").json();
        assertThat(commerce.valueStream().map(t -> t.path("productIdentifier").asString()).toList())
                .isEqualTo(List.of("lending"));
    }

    @Test
    void aConsentRecordedUnderAProductsVersionMustShowThatProductsTextAsRendered() {
        Tenant tenant = Tenant.create(jdbc, port, "Checked " + UUID.randomUUID().toString().substring(0, 8));
        UUID companyId = company(tenant, "Honest Ltd");
        Api token = token(tenant, companyId);
        assertThat(tenant.api().put("/companies/" + companyId + "/products/onboarding", null).status()).isEqualTo(204);
        String connection = token.post("/link/api/companies/" + companyId + "/connections",
                "{\"platformKey\":\"sbbk\"}").json().path("id").asString();
        String productText = token.get("/link/api/companies/" + companyId + "/consentTexts?sourceType=Banking"
                + "&platformKey=sbbk").json().get(0).path("text").asString();
        String consents = "/link/api/companies/" + companyId + "/consents";
        String claim = "{\"connectionId\":\"" + connection + "\",\"sourceType\":\"Banking\",\"productIdentifier\":"
                + "\"onboarding\",\"textVersion\":\"2026-11-01\",\"locale\":\"en-GB\",\"text\":%s}";

        // any other text under the product's version is refused and writes nothing
        assertBadField(token.post(consents, claim.formatted(JSON.writeValueAsString("I agree to nothing much."))),
                "text");
        assertBadField(token.post(consents, claim.replace("2026-11-01", "1999-01-01")
                .formatted(JSON.writeValueAsString(productText))), "textVersion");
        assertBadField(token.post(consents, claim.replace("en-GB", "fr-FR")
                .formatted(JSON.writeValueAsString(productText))), "locale");
        assertThat(tenant.api().get("/companies/" + companyId + "/consents").json().path("totalResults").asInt())
                .isZero();

        // the screen as Link shows it: its own title and terms around the product's text, exactly as served
        String shown = "Connect your bank\n\nWe need your consent\n\n" + productText + "\n\nTerms apply.";
        Api.Response recorded = token.post(consents, claim.formatted(JSON.writeValueAsString(shown)));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        JsonNode record = tenant.api().get("/companies/" + companyId + "/consents/"
                + recorded.json().path("id").asString()).json();
        assertThat(record.path("text").asString()).isEqualTo(shown);
        assertThat(record.path("textVersion").asString()).isEqualTo("2026-11-01");
        assertThat(record.path("locale").asString()).isEqualTo("en-GB");
    }

    @Test
    void badInputAndOtherCompaniesAreRefused() {
        Tenant tenant = Tenant.create(jdbc, port, "Texts " + UUID.randomUUID().toString().substring(0, 8));
        UUID companyId = company(tenant, "Mine Ltd");
        UUID other = company(tenant, "Other Ltd");
        Api token = token(tenant, companyId);
        String texts = "/link/api/companies/" + companyId + "/consentTexts";

        assertBadField(token.get(texts), "sourceType");
        assertBadField(token.get(texts + "?sourceType=Payroll"), "sourceType");
        assertBadField(token.get(texts + "?sourceType=Banking&platformKey=nope"), "platformKey");
        assertError(token.get("/link/api/companies/" + other + "/consentTexts?sourceType=Banking"), 403);
        assertError(tenant.api().get("/link/api/companies/" + UUID.randomUUID() + "/consentTexts?sourceType=Banking"),
                404);
        Tenant stranger = Tenant.create(jdbc, port, "Stranger " + UUID.randomUUID().toString().substring(0, 8));
        assertError(stranger.api().get(texts + "?sourceType=Banking"), 404);
    }

    private static UUID company(Tenant tenant, String name) {
        return UUID.fromString(tenant.api().post("/companies", "{\"name\":\"" + name + "\"}").json().path("id")
                .asString());
    }

    private Api token(Tenant tenant, UUID companyId) {
        String accessToken = tenant.api().get("/companies/" + companyId + "/accessToken").json().path("accessToken")
                .asString();
        return Api.at(port).anonymous().withBearer(accessToken);
    }
}
