package dev.bridgekeeper.link;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.oauth.SandboxJourney;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The manage-connections API with a company token: list, disconnect impact, disconnect, and reconnect by linkUrl. */
@ApiIntegrationTest
class ManageConnectionsIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    private Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = Tenant.create(jdbc, port, "Manage " + UUID.randomUUID().toString().substring(0, 8));
        assertThat(tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\"}").status()).isEqualTo(200);
    }

    private Api tokenFor(UUID companyId) {
        String accessToken = tenant.api().get("/companies/" + companyId + "/accessToken").json().path("accessToken")
                .asString();
        return Api.at(port).anonymous().withBearer(accessToken);
    }

    @Test
    void disconnectStopsTheConnectionAndReconnectKeepsItsId() {
        SandboxLink link = SandboxLink.createWithoutSync(tenant, publicUrl, "sbbk", "user_good");
        Api token = tokenFor(link.companyId());
        String base = "/link/api/companies/" + link.companyId() + "/connections";
        // a connection the customer never authorised is not theirs to manage yet
        assertThat(tenant.api().post("/companies/" + link.companyId() + "/connections", "{\"platformKey\":\"sbac\"}")
                .status()).isEqualTo(200);

        JsonNode list = token.get(base).json();
        assertThat(list.size()).isEqualTo(1);
        JsonNode managed = list.get(0);
        assertThat(managed.path("id").asString()).isEqualTo(link.connectionId().toString());
        assertThat(managed.path("status").asString()).isEqualTo("Linked");
        assertThat(managed.path("platformName").asString()).isEqualTo("Sandbox Banking");
        assertThat(managed.path("logoUrl").asString()).contains("/branding/sbbk/");
        java.time.Instant created = java.time.Instant.parse(managed.path("created").asString());
        java.time.Instant firstLinked = java.time.Instant.parse(managed.path("firstLinked").asString());
        assertThat(firstLinked).isAfterOrEqualTo(created.minusSeconds(1));

        JsonNode impact = token.get(base + "/" + link.connectionId() + "/impact").json();
        assertThat(impact.path("connectionId").asString()).isEqualTo(link.connectionId().toString());
        // the company syncs only banking-accounts (createWithoutSync's settings)
        assertThat(impact.path("dataTypes").valueStream().map(JsonNode::asString).toList())
                .containsExactly("banking-accounts");
        assertThat(impact.path("products").isArray()).isTrue();

        assertBadField(token.patch(base + "/" + link.connectionId(), "{}"), "status");
        assertBadField(token.patch(base + "/" + link.connectionId(), "{\"status\":\"Linked\"}"), "status");
        JsonNode unlinked = token.patch(base + "/" + link.connectionId(), "{\"status\":\"Unlinked\"}").json();
        assertThat(unlinked.path("status").asString()).isEqualTo("Unlinked");
        assertThat(tenant.api().get(link.connectionPath()).json().path("status").asString()).isEqualTo("Unlinked");
        // the platform's tokens went with it
        assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?", Integer.class,
                link.connectionId())).isZero();
        assertError(token.patch(base + "/" + link.connectionId(), "{\"status\":\"Unlinked\"}"), 409);

        // reconnect: the same linkUrl authorises the same connection again
        SandboxJourney.linkAs(new Browser(), managed.path("linkUrl").asString(), publicUrl, "user_good", true);
        JsonNode again = tenant.api().get(link.connectionPath()).json();
        assertThat(again.path("id").asString()).isEqualTo(link.connectionId().toString());
        assertThat(again.path("status").asString()).isEqualTo("Linked");
        JsonNode relisted = token.get(base).json().get(0);
        assertThat(relisted.path("status").asString()).isEqualTo("Linked");
        // reconnecting does not move the first authorisation
        assertThat(java.time.Instant.parse(relisted.path("firstLinked").asString())).isEqualTo(firstLinked);
    }

    @Test
    void lastUpdatedIsTheLatestCompletedPullFromThatConnection() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_good");
        Api token = tokenFor(link.companyId());
        String base = "/link/api/companies/" + link.companyId() + "/connections";
        // the first sync runs after linking; until a pull completes there is no date
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                !token.get(base).json().get(0).path("lastSync").asString("").isEmpty());
        java.time.Instant shown = java.time.Instant.parse(token.get(base).json().get(0).path("lastSync").asString());
        JsonNode completed = tenant.api().get(link.companyPath() + "/data/history?pageSize=100").json().path("results");
        java.time.Instant newest = completed.valueStream()
                .filter(p -> "Complete".equals(p.path("status").asString()))
                .map(p -> java.time.Instant.parse(p.path("completed").asString()))
                .max(java.util.Comparator.naturalOrder()).orElseThrow();
        assertThat(shown).isBeforeOrEqualTo(newest);
        assertThat(completed.valueStream().anyMatch(p -> "Complete".equals(p.path("status").asString())
                && java.time.Instant.parse(p.path("completed").asString()).equals(shown))).isTrue();
    }

    @Test
    void anotherCompanysTokenSeesNothing() {
        SandboxLink link = SandboxLink.createWithoutSync(tenant, publicUrl, "sbbk", "user_good");
        UUID other = UUID.fromString(tenant.api().post("/companies", "{\"name\":\"Other Ltd\"}").json().path("id")
                .asString());
        Api otherToken = tokenFor(other);
        assertError(otherToken.get("/link/api/companies/" + link.companyId() + "/connections"), 403);
        assertError(otherToken.patch("/link/api/companies/" + link.companyId() + "/connections/" + link.connectionId(),
                "{\"status\":\"Unlinked\"}"), 403);
        assertError(tokenFor(other).get("/link/api/companies/" + other + "/connections/" + link.connectionId()
                + "/impact"), 404);
        assertThat(tenant.api().get(link.connectionPath()).json().path("status").asString()).isEqualTo("Linked");
    }
}
