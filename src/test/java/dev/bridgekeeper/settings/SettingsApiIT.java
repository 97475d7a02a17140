package dev.bridgekeeper.settings;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
class SettingsApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** A tenant of its own, so key limits and profile changes do not disturb other tests. */
    private Api newClient() {
        return dev.bridgekeeper.support.Tenant.create(jdbc, port, "Settings IT").api();
    }

    @Test
    void apiKeysAreShownOnceStoredHashedLimitedAndTheLastCannotGo() {
        Api api = newClient();
        Api.Response created = api.post("/apiKeys", "{\"name\":\"ci\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String newKey = created.json().path("apiKey").asString();
        String newId = created.json().path("id").asString();
        assertThat(newKey).hasSizeGreaterThanOrEqualTo(40);

        JsonNode listed = api.get("/apiKeys").json().path("results");
        assertThat(listed.size()).isEqualTo(2);
        assertThat(listed.toString()).doesNotContain(newKey).doesNotContain("apiKey");
        String digest = HexFormat.of().formatHex(dev.bridgekeeper.platform.security.ApiKeyDigest.of(newKey));
        assertThat(jdbc.queryForObject("select encode(key_digest, 'hex') from api_key where id = ?::uuid",
                String.class, newId)).isEqualTo(digest);
        assertThat(jdbc.queryForObject("select count(*) from api_key where key_digest::text like ?", Integer.class,
                "%" + newKey + "%")).isZero();

        Api withNewKey = Api.at(port).withApiKey(newKey);
        assertThat(withNewKey.get("/apiKeys").status()).isEqualTo(200);

        List<String> more = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            more.add(api.post("/apiKeys", "{}").json().path("id").asString());
        }
        assertError(api.post("/apiKeys", "{}"), 409);

        assertThat(withNewKey.delete("/apiKeys/" + newId).status()).isEqualTo(204);
        assertError(withNewKey.get("/apiKeys"), 401);
        assertError(api.delete("/apiKeys/" + newId), 404);
        for (String id : more) {
            assertThat(api.delete("/apiKeys/" + id).status()).isEqualTo(204);
        }
        String lastId = api.get("/apiKeys").json().path("results").get(0).path("id").asString();
        JsonNode last = assertError(api.delete("/apiKeys/" + lastId), 409);
        assertThat(last.path("error").asString()).contains("last key");
        assertThat(api.get("/apiKeys").status()).isEqualTo(200);
    }

    @Test
    void profileAndCorsSettingsRoundTrip() {
        Api api = newClient();
        String profile = "{\"name\":\"Lender Bank\",\"logoUrl\":\"https://lender.example/logo.png\","
                + "\"iconUrl\":\"https://lender.example/icon.png\","
                + "\"redirectUrl\":\"https://lender.example/back?company={companyId}&status={statusCode}\","
                + "\"whiteListUrls\":[\"https://lender.example\"]}";
        Api.Response updated = api.put("/profile", profile);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(api.get("/profile").json()).isEqualTo(updated.json());
        assertThat(updated.json().path("redirectUrl").asString()).contains("{companyId}");
        // without the Link extensions the profile is Codat's shape, field for field
        assertThat(updated.json().has("supportEmail")).isFalse();
        assertThat(updated.json().has("privacyPolicyUrl")).isFalse();

        Api.Response contacts = api.put("/profile", profile.replace("\"whiteListUrls\"", "\"supportEmail\":"
                + "\"help@lender.example\",\"privacyPolicyUrl\":\"https://lender.example/privacy\",\"whiteListUrls\""));
        assertThat(contacts.status()).as(contacts.toString()).isEqualTo(200);
        assertThat(contacts.json().path("supportEmail").asString()).isEqualTo("help@lender.example");
        assertThat(contacts.json().path("privacyPolicyUrl").asString()).isEqualTo("https://lender.example/privacy");
        assertThat(api.get("/profile").json()).isEqualTo(contacts.json());

        // a profile not named yet ("", as a fresh install's) goes back as it came
        Api.Response unnamed = api.put("/profile", "{\"name\":\"\",\"redirectUrl\":\"\"}");
        assertThat(unnamed.status()).as(unnamed.toString()).isEqualTo(200);
        assertThat(unnamed.json().path("name").asString()).isEmpty();

        Api.Response cors = api.post("/corsSettings", "{\"allowedOrigins\":[\"https://app.lender.example/\","
                + "\"http://localhost:3000\"]}");
        assertThat(cors.status()).as(cors.toString()).isEqualTo(200);
        assertThat(cors.json().path("allowedOrigins").toString())
                .isEqualTo("[\"https://app.lender.example\",\"http://localhost:3000\"]");
        assertThat(api.get("/connectionManagement/corsSettings").json()).isEqualTo(cors.json());
    }

    @Test
    void syncSettingsAtProfileAndCompanyLevel() {
        Api api = newClient();
        JsonNode defaults = api.get("/profile/syncSettings").json();
        assertThat(defaults.path("settings").size()).as("one per data type of the registry")
                .isEqualTo(dev.bridgekeeper.platform.DataTypes.all().size());
        assertThat(defaults.path("overridesDefaults").asBoolean()).isFalse();

        String settings = "{\"settings\":[{\"dataType\":\"invoices\",\"fetchOnFirstLink\":true,\"syncSchedule\":12,"
                + "\"syncOrder\":1,\"monthsToSync\":12},{\"dataType\":\"banking-transactions\","
                + "\"fetchOnFirstLink\":false,\"syncSchedule\":0,\"syncOrder\":2,\"syncFromWindow\":30}],"
                + "\"overridesDefaults\":true}";
        assertThat(api.post("/profile/syncSettings", settings).status()).isEqualTo(204);
        JsonNode stored = api.get("/profile/syncSettings").json();
        assertThat(stored.path("settings").size()).isEqualTo(2);
        assertThat(stored.path("settings").get(0).path("syncSchedule").asInt()).isEqualTo(12);

        String companyId = api.post("/companies", "{\"name\":\"Sync Co\"}").json().path("id").asString();
        JsonNode inherited = api.get("/companies/" + companyId + "/syncSettings").json();
        assertThat(inherited.path("overridesDefaults").asBoolean()).isFalse();
        assertThat(inherited.path("settings")).isEqualTo(stored.path("settings"));

        assertThat(api.post("/companies/" + companyId + "/syncSettings", "{\"companyId\":\"" + companyId
                + "\",\"settings\":[{\"dataType\":\"bills\",\"fetchOnFirstLink\":true,\"syncSchedule\":6,"
                + "\"syncOrder\":0}],\"overridesDefaults\":true}").status()).isEqualTo(204);
        JsonNode own = api.get("/companies/" + companyId + "/syncSettings").json();
        assertThat(own.path("overridesDefaults").asBoolean()).isTrue();
        assertThat(own.path("settings").get(0).path("dataType").asString()).isEqualTo("bills");
        assertError(api.get("/companies/" + UUID.randomUUID() + "/syncSettings"), 404);
    }
}
