package dev.bridgekeeper.link;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * enableAdditionalConsent's server side: the Link API lists the products still needing consent on linked
 * connections and records one product's consent alone; the consent records answer CORS for the
 * manage-connections component on the lender's page.
 */
@ApiIntegrationTest
class AdditionalConsentIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewProductAsksForItsOwnConsentOnTheLinkedConnection() {
        Tenant tenant = Tenant.create(jdbc, port, "Additional " + UUID.randomUUID().toString().substring(0, 8));
        UUID companyId = UUID.fromString(tenant.api().post("/companies", "{\"name\":\"Existing Ltd\"}").json()
                .path("id").asString());
        assertThat(tenant.api().put("/companies/" + companyId + "/products/onboarding", null).status()).isEqualTo(204);
        SandboxLink link = SandboxLink.linkAnother(tenant, companyId, publicUrl, "sbbk", "user_good");
        String accessToken = tenant.api().get("/companies/" + companyId + "/accessToken").json().path("accessToken")
                .asString();
        Api token = Api.at(port).anonymous().withBearer(accessToken);
        String base = "/link/api/companies/" + companyId + "/consents";

        // linked without a consent screen: onboarding still needs one
        JsonNode pending = token.get(base + "/pending").json();
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.get(0).path("productIdentifier").asString()).isEqualTo("onboarding");
        String consent = "{\"connectionId\":\"" + link.connectionId() + "\",\"sourceType\":\"Banking\","
                + "\"text\":\"Shown text\",\"productIdentifier\":\"%s\"}";
        assertThat(token.post(base, consent.formatted("onboarding")).status()).isEqualTo(201);
        assertThat(token.get(base + "/pending").json().size()).isZero();

        assertThat(tenant.api().put("/companies/" + companyId + "/products/lending", null).status()).isEqualTo(204);
        JsonNode lending = token.get(base + "/pending").json();
        assertThat(lending.size()).isEqualTo(1);
        JsonNode item = lending.get(0);
        assertThat(item.path("productIdentifier").asString()).isEqualTo("lending");
        assertThat(item.path("productName").asString()).isEqualTo("Lending");
        assertThat(item.path("connectionId").asString()).isEqualTo(link.connectionId().toString());
        assertThat(item.path("platformName").asString()).isEqualTo("Sandbox Banking");
        assertThat(item.path("sourceType").asString()).isEqualTo("Banking");
        assertThat(item.path("dataTypes").valueStream().map(JsonNode::asString).toList())
                .contains("banking-transactionCategories");

        // a product the company lacks, or one that does not use the source type, is refused and writes nothing
        assertBadField(token.post(base, consent.formatted("nope")), "productIdentifier");
        assertBadField(token.post(base, consent.replace("Banking", "Accounting").formatted("onboarding")),
                "productIdentifier");
        JsonNode recorded = token.post(base, consent.formatted("lending")).json();
        assertThat(recorded.path("consentIds").size()).isEqualTo(1);
        assertThat(token.get(base + "/pending").json().size()).isZero();

        List<JsonNode> records = tenant.api().get("/companies/" + companyId + "/consents").json().path("results")
                .valueStream().toList();
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> assertThat(r.path("status").asString()).isEqualTo("Active"));
        assertThat(records.stream().map(r -> r.path("productIdentifier").asString()).toList())
                .containsExactly("onboarding", "lending");
        assertThat(tenant.api().get("/companies/" + companyId + "/connections").json().path("results").size())
                .isEqualTo(1);

        // another company's token sees nothing of this one
        assertError(Api.at(port).anonymous().withBearer(otherToken(tenant)).get(base + "/pending"), 403);
    }

    @Test
    void consentRecordsAnswerCorsForTheClientsAllowedOrigins() {
        Tenant tenant = Tenant.create(jdbc, port, "Cors " + UUID.randomUUID().toString().substring(0, 8));
        String companyId = tenant.api().post("/companies", "{\"name\":\"Cors Ltd\"}").json().path("id").asString();
        String accessToken = tenant.api().get("/companies/" + companyId + "/accessToken").json().path("accessToken")
                .asString();
        Api token = Api.at(port).anonymous().withBearer(accessToken);
        String path = "/companies/" + companyId + "/consents";
        String origin = "https://portal-" + UUID.randomUUID().toString().substring(0, 8) + ".example";

        Api.Response preflight = token.send(HttpRequest.newBuilder(URI.create(token.base() + path
                        + "/" + UUID.randomUUID() + "/revoke"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .timeout(Duration.ofSeconds(10)).build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);

        Api.Response refused = token.send(withOrigin(token, path, origin));
        assertError(refused, 403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(tenant.api().post("/corsSettings", "{\"allowedOrigins\":[\"" + origin + "\"]}").status())
                .isEqualTo(200);
        Api.Response allowed = token.send(withOrigin(token, path, origin));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        // other company endpoints stay without CORS
        Api.Response company = tenant.api().send(withOrigin(tenant.api(), "/companies/" + companyId, origin));
        assertThat(company.status()).isEqualTo(200);
        assertThat(company.header("Access-Control-Allow-Origin")).isNull();
    }

    private String otherToken(Tenant tenant) {
        String other = tenant.api().post("/companies", "{\"name\":\"Other Ltd\"}").json().path("id").asString();
        return tenant.api().get("/companies/" + other + "/accessToken").json().path("accessToken").asString();
    }

    private static HttpRequest withOrigin(Api api, String path, String origin) {
        return HttpRequest.newBuilder(URI.create(api.base() + path)).GET()
                .header("Authorization", api.authorization()).header("Origin", origin)
                .timeout(Duration.ofSeconds(10)).build();
    }
}
