package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static dev.bridgekeeper.webhook.WebhookTestSupport.consumerBody;
import static dev.bridgekeeper.webhook.WebhookTestSupport.createConsumer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The consumers API in Codat's shape, its extensions, and every way of calling them wrongly. */
@ApiIntegrationTest
class WebhookConsumerApiIT {

    private static final String URL = "http://127.0.0.1:9/hooks";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Tenant tenant;
    Api api;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(jdbc, port, "Consumers " + UUID.randomUUID());
        api = tenant.api();
    }

    @Test
    void createsListsAndDeletesConsumersInCodatShape() {
        Api.Response created = api.post("/webhooks", consumerBody(URL, List.of("company.created",
                "connection.connected"), List.of("region:uk"), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode consumer = created.json();
        String id = consumer.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(consumer).isEqualTo(WebhookTestSupport.JSON.readTree("{\"id\":\"" + id + "\",\"url\":\"" + URL
                + "\",\"disabled\":false,\"eventTypes\":[\"company.created\",\"connection.connected\"],"
                + "\"companyTags\":[\"region:uk\"]}"));

        JsonNode plain = createConsumer(api, URL + "/2", List.of("company.deleted"), null, true);
        assertThat(plain.has("companyTags")).as("no filter: the field is absent").isFalse();
        assertThat(plain.path("disabled").asBoolean()).isTrue();

        JsonNode list = api.get("/webhooks").json();
        assertThat(list.propertyNames()).containsExactly("results");
        assertThat(list.path("results").valueStream().toList()).containsExactly(consumer, plain);

        Api.Response deleted = api.delete("/webhooks/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api.get("/webhooks").json().path("results").valueStream().toList()).containsExactly(plain);
        assertError(api.delete("/webhooks/" + id), 404);
    }

    @Test
    void secretsAreWhsecKeysStoredOnlySealed() {
        String id = createConsumer(api, URL, List.of("company.created")).path("id").asString();
        String key = api.get("/webhooks/" + id + "/secret").json().path("key").asString();
        assertThat(key).matches("whsec_[A-Za-z0-9+/]{32}");
        String stored = jdbc.queryForObject("select secret_sealed from webhook_consumer where id = ?", String.class,
                UUID.fromString(id));
        assertThat(stored).startsWith("v1.").doesNotContain(key).doesNotContain(key.substring(6));

        String other = createConsumer(api, URL, List.of("company.created")).path("id").asString();
        assertThat(api.get("/webhooks/" + other + "/secret").json().path("key").asString()).isNotEqualTo(key);
    }

    @Test
    void aClientHasAtMostFiftyConsumers() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(createConsumer(api, URL + "/" + i, List.of("company.created")).path("id").asString());
        }
        JsonNode refused = assertError(api.post("/webhooks", consumerBody(URL, List.of("company.created"), null,
                null)), 409);
        assertThat(refused.path("error").asString()).contains("at most 50");
        assertThat(api.get("/webhooks").json().path("results").size()).isEqualTo(50);
        assertThat(api.delete("/webhooks/" + ids.get(0)).status()).isEqualTo(204);
        assertThat(api.post("/webhooks", consumerBody(URL, List.of("company.created"), null, null)).status())
                .isEqualTo(201);
    }

    @Test
    void anotherClientCannotSeeOrTouchTheConsumer() {
        String id = createConsumer(api, URL, List.of("company.created")).path("id").asString();
        Api other = Tenant.create(jdbc, port, "Other " + UUID.randomUUID()).api();
        assertThat(other.get("/webhooks").json().path("results").size()).isZero();
        String base = "/webhooks/" + id;
        assertError(other.get(base + "/secret"), 404);
        assertError(other.post(base + "/secret/rotate", null), 404);
        assertError(other.post(base + "/enable", null), 404);
        assertError(other.post(base + "/disable", null), 404);
        assertError(other.get(base + "/messages"), 404);
        assertError(other.post(base + "/replay", "{\"since\":\"2024-01-01T00:00:00Z\"}"), 404);
        assertError(other.delete(base), 404);
        assertThat(api.get("/webhooks").json().path("results").size()).isEqualTo(1);
    }

    @Test
    void refusesBadConsumersNamingTheField() {
        List<String> company = List.of("company.created");
        assertBadField(api.post("/webhooks", "{\"eventTypes\":[\"company.created\"]}"), "url");
        assertBadField(api.post("/webhooks", consumerBody("", company, null, null)), "url");
        assertBadField(api.post("/webhooks", consumerBody("/relative/path", company, null, null)), "url");
        assertBadField(api.post("/webhooks", consumerBody("not a url", company, null, null)), "url");
        assertBadField(api.post("/webhooks", consumerBody("ftp://127.0.0.1/hooks", company, null, null)), "url");
        assertBadField(api.post("/webhooks", consumerBody("https://user:pw@lender.example/hooks", company, null,
                null)), "url");
        assertBadField(api.post("/webhooks", consumerBody("https://lender.example/hooks#x", company, null, null)),
                "url");
        assertBadField(api.post("/webhooks", consumerBody("https://lender.example/" + "a".repeat(2050), company,
                null, null)), "url");
        assertBadField(api.post("/webhooks", "{\"url\":42,\"eventTypes\":[\"company.created\"]}"), "url");

        assertBadField(api.post("/webhooks", "{\"url\":\"" + URL + "\"}"), "eventTypes");
        assertBadField(api.post("/webhooks", consumerBody(URL, List.of(), null, null)), "eventTypes");
        JsonNode unknown = assertBadField(api.post("/webhooks", consumerBody(URL, List.of("company.created",
                "DataSyncCompleted"), null, null)), "eventTypes[1]");
        assertThat(unknown.path("error").asString()).contains("connection.connected");
        assertBadField(api.post("/webhooks", "{\"url\":\"" + URL + "\",\"eventTypes\":\"company.created\"}"),
                "eventTypes");
        assertBadField(api.post("/webhooks", "{\"url\":\"" + URL + "\",\"eventTypes\":[null]}"), "eventTypes[0]");

        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("k" + i + ":v");
        }
        assertBadField(api.post("/webhooks", consumerBody(URL, company, eleven, null)), "companyTags");
        assertBadField(api.post("/webhooks", consumerBody(URL, company, List.of("region:uk", "nocolon"), null)),
                "companyTags[1]");
        assertBadField(api.post("/webhooks", consumerBody(URL, company, List.of(":uk"), null)), "companyTags[0]");
        assertBadField(api.post("/webhooks", consumerBody(URL, company, List.of("k:" + "v".repeat(127)), null)),
                "companyTags[0]");
        assertBadField(api.post("/webhooks", "{\"url\":\"" + URL + "\",\"eventTypes\":[\"company.created\"],"
                + "\"disabled\":\"yes\"}"), "disabled");
        assertBadField(api.post("/webhooks", "{\"url\":\"" + URL + "\",\"eventTypes\":[\"company.created\"],"
                + "\"colour\":\"red\"}"), "colour");
        assertBadField(api.post("/webhooks", "{\"url\":"), "body");

        // several problems at once are all named
        JsonNode all = assertBadField(api.post("/webhooks", consumerBody("ftp://x", List.of("nope"),
                List.of("bad"), null)), "url");
        assertThat(all.path("validation").path("errors").valueStream().map(e -> e.path("itemId").asString()).toList())
                .containsExactly("url", "eventTypes[0]", "companyTags[0]");
        assertThat(api.get("/webhooks").json().path("results").size()).as("nothing was created").isZero();
    }

    @Test
    void refusesUrlsAimedAtTheInstancesOwnNetwork() {
        List<String> company = List.of("company.created");
        for (String url : List.of("http://10.0.0.1/hooks", "https://169.254.169.254/latest/meta-data/",
                "http://[::1]:8080/hooks", "https://[fd00:ec2::254]/", "http://0.0.0.0:8080/", "https://192.168.1.20/",
                "https://100.64.0.1/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/")) {
            JsonNode refused = assertBadField(api.post("/webhooks", consumerBody(url, company, null, null)), "url");
            assertThat(refused.path("error").asString()).as(url).contains("is refused").contains("allowed-targets");
        }
        JsonNode metadata = assertBadField(api.post("/webhooks", consumerBody("http://169.254.169.254/", company,
                null, null)), "url");
        assertThat(metadata.path("error").asString()).contains("169.254.169.254 is a cloud metadata address");
        assertThat(api.get("/webhooks").json().path("results").size()).isZero();
    }

    @Test
    void refusesBadInputOnEveryOtherEndpoint() {
        String id = createConsumer(api, URL, List.of("company.created")).path("id").asString();
        String missing = UUID.randomUUID().toString();
        for (String path : List.of("/secret", "/messages")) {
            assertBadField(api.get("/webhooks/not-a-uuid" + path), "webhookId");
            assertError(api.get("/webhooks/" + missing + path), 404);
        }
        for (String path : List.of("/secret/rotate", "/enable", "/disable")) {
            assertBadField(api.post("/webhooks/not-a-uuid" + path, null), "webhookId");
            assertError(api.post("/webhooks/" + missing + path, null), 404);
        }
        assertBadField(api.delete("/webhooks/not-a-uuid"), "webhookId");
        assertError(api.delete("/webhooks/" + missing), 404);

        assertBadField(api.get("/webhooks/" + id + "/messages?page=0"), "page");
        assertBadField(api.get("/webhooks/" + id + "/messages?pageSize=5001"), "pageSize");
        assertBadField(api.get("/webhooks/" + id + "/messages?pageSize=many"), "pageSize");
        assertBadField(api.get("/webhooks/" + id + "/messages/not-a-uuid/attempts"), "messageId");
        assertError(api.get("/webhooks/" + id + "/messages/" + missing + "/attempts"), 404);
        assertBadField(api.post("/webhooks/" + id + "/messages/not-a-uuid/resend", null), "messageId");
        assertError(api.post("/webhooks/" + id + "/messages/" + missing + "/resend", null), 404);

        assertBadField(api.post("/webhooks/" + id + "/replay", "{}"), "since");
        assertBadField(api.post("/webhooks/" + id + "/replay", "{\"since\":\"yesterday\"}"), "since");
        assertBadField(api.post("/webhooks/" + id + "/replay", "{\"since\":\"2024-01-01\"}"), "since");
        assertBadField(api.post("/webhooks/" + id + "/replay", "{\"since\":1700000000}"), "since");
        assertBadField(api.post("/webhooks/" + id + "/replay", "{\"since\":\"2024-01-01T00:00:00Z\",\"all\":true}"),
                "all");
        assertBadField(api.post("/webhooks/" + id + "/replay", null), "body");
        assertError(api.post("/webhooks/" + missing + "/replay", "{\"since\":\"2024-01-01T00:00:00Z\"}"), 404);
    }

    @Test
    void endpointsNeedAnApiKeyAndRefuseCompanyTokens() {
        String id = createConsumer(api, URL, List.of("company.created")).path("id").asString();
        String companyId = WebhookTestSupport.createCompany(api, "Token Ltd", null);
        String token = api.get("/companies/" + companyId + "/accessToken").json().path("accessToken").asString();
        Api anonymous = Api.at(port).anonymous();
        Api company = anonymous.withBearer(token);
        assertError(anonymous.get("/webhooks"), 401);
        assertError(anonymous.post("/webhooks", consumerBody(URL, List.of("company.created"), null, null)), 401);
        assertError(company.get("/webhooks"), 403);
        assertError(company.get("/webhooks/" + id + "/secret"), 403);
        assertError(company.delete("/webhooks/" + id), 403);
        assertThat(api.get("/webhooks").json().path("results").size()).isEqualTo(1);
    }
}
