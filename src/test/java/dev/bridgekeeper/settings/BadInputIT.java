package dev.bridgekeeper.settings;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bad input to the settings, API key, connection and integration endpoints (companies have their
 * own test): each is a 400 naming the field at fault, or the status its rule calls for, and none
 * changes what it was aimed at.
 */
@ApiIntegrationTest
class BadInputIT {

    @LocalServerPort
    int port;

    Api api;
    String company;

    @BeforeEach
    void setUp() {
        api = Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
        Api.Response created = api.post("/companies", "{\"name\":\"Bad input " + UUID.randomUUID() + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        company = created.json().path("id").asString();
    }

    @Test
    void apiKeys() {
        JsonNode before = get("/apiKeys");
        JsonNode tooLong = assertBadField(api.post("/apiKeys", "{\"name\":\"" + "k".repeat(51) + "\"}"), "name");
        assertThat(tooLong.path("error").asString()).isEqualTo("\"name\" must be at most 50 characters.");
        assertBadField(api.post("/apiKeys", "{\"name\":7}"), "name");
        assertBadField(api.post("/apiKeys", "{\"name\":\"ok\",\"scope\":\"all\"}"), "scope");
        assertBadField(api.post("/apiKeys", "[\"ok\"]"), "body");
        assertBadField(api.post("/apiKeys", "{\"name\":\"nul\\u0000key\"}"), "name");
        assertError(api.delete("/apiKeys/" + UUID.randomUUID()), 404);
        assertThat(get("/apiKeys")).isEqualTo(before);
    }

    @Test
    void profile() {
        JsonNode before = get("/profile");
        JsonNode noName = assertBadField(api.put("/profile", "{\"redirectUrl\":\"\"}"), "name");
        assertThat(noName.path("error").asString()).isEqualTo("\"name\" is required.");
        assertBadField(api.put("/profile", "{\"name\":\"  \",\"redirectUrl\":\"\"}"), "name");
        assertBadField(api.put("/profile", "{\"name\":\"" + "n".repeat(101) + "\",\"redirectUrl\":\"\"}"), "name");
        assertBadField(api.put("/profile", "{\"name\":\"Len\\u0000der\",\"redirectUrl\":\"\"}"), "name");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\"}"), "redirectUrl");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"not a url\"}"), "redirectUrl");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"javascript:alert(1)\"}"),
                "redirectUrl");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"\",\"logoUrl\":\"ftp://x.example/a.png\"}"),
                "logoUrl");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"\","
                + "\"whiteListUrls\":[\"https://ok.example\",\"not a url\"]}"), "whiteListUrls[1]");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"\",\"supportEmail\":"
                + "\"help@lender.example?cc=x@evil.example\"}"), "supportEmail");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"\",\"privacyPolicyUrl\":"
                + "\"javascript:alert(1)\"}"), "privacyPolicyUrl");
        assertBadField(api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"\",\"whiteListUrls\":\"x\"}"),
                "whiteListUrls");

        // several problems at once are all named, so they can be fixed in one go
        JsonNode all = assertError(api.put("/profile", "{\"redirectUrl\":\"nope\","
                + "\"whiteListUrls\":[\"https://ok.example\",\"ftp://x.example\"]}"), 400);
        assertThat(itemIds(all)).containsExactly("name", "redirectUrl", "whiteListUrls[1]");
        assertThat(get("/profile")).isEqualTo(before);
    }

    @Test
    void corsSettings() {
        for (String path : List.of("/corsSettings", "/connectionManagement/corsSettings")) {
            JsonNode before = get(path);
            JsonNode withPath = assertBadField(api.post(path, "{\"allowedOrigins\":[\"https://x.com/path\"]}"),
                    "allowedOrigins[0]");
            assertThat(withPath.path("error").asString()).contains("no path");
            assertBadField(api.post(path, "{\"allowedOrigins\":[\"https://ok.example\",\"https://x.com?q=1\"]}"),
                    "allowedOrigins[1]");
            assertBadField(api.post(path, "{\"allowedOrigins\":[\"x.com\"]}"), "allowedOrigins[0]");
            assertBadField(api.post(path, "{\"allowedOrigins\":[\"https://user@x.com\"]}"), "allowedOrigins[0]");
            assertBadField(api.post(path, "{\"allowedOrigins\":\"https://x.com\"}"), "allowedOrigins");
            assertBadField(api.post(path, "{\"origins\":[\"https://x.com\"]}"), "origins");
            assertThat(get(path)).as(path).isEqualTo(before);
        }
    }

    @Test
    void profileSyncSettings() {
        badSyncSettings("/profile/syncSettings");
    }

    @Test
    void companySyncSettings() {
        String path = "/companies/" + company + "/syncSettings";
        badSyncSettings(path);
        JsonNode before = get(path);
        assertBadField(api.post(path, "{\"companyId\":\"" + UUID.randomUUID() + "\"," + settings(setting("invoices"))
                + "}"), "companyId");
        assertError(api.post("/companies/" + UUID.randomUUID() + "/syncSettings", "{" + settings(setting("invoices"))
                + "}"), 404);
        assertThat(get(path)).isEqualTo(before);

        // the control: the settings the cases above each break in one place are accepted as they are
        Api.Response valid = api.post(path, "{" + settings(setting("invoices"), setting("bills")) + "}");
        assertThat(valid.status()).as(valid.toString()).isEqualTo(204);
        assertThat(get(path).path("settings").valueStream().map(s -> s.path("dataType").asString()).toList())
                .containsExactly("invoices", "bills");
    }

    @Test
    void connections() {
        String connections = "/companies/" + company + "/connections";
        JsonNode unknown = assertBadField(api.post(connections, "{\"platformKey\":\"zzzz\"}"), "platformKey");
        assertThat(unknown.path("error").asString()).contains("zzzz");
        assertBadField(api.post(connections, "{}"), "platformKey");
        assertBadField(api.post(connections, "{\"platformKey\":\"\"}"), "platformKey");
        assertBadField(api.post(connections, "{\"platformKey\":42}"), "platformKey");
        assertBadField(api.post(connections, "{\"platformKey\":\"sbac\",\"status\":\"Linked\"}"), "status");
        assertThat(get(connections).path("totalResults").asInt()).isZero();

        Api.Response created = api.post(connections, "{\"platformKey\":\"sbac\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String connection = connections + "/" + created.json().path("id").asString();
        JsonNode before = get(connection);

        JsonNode second = assertError(api.post(connections, "{\"platformKey\":\"sbac\"}"), 409);
        assertThat(second.path("error").asString()).contains("already has an accounting connection");

        JsonNode linked = assertBadField(api.patch(connection, "{\"status\":\"Linked\"}"), "status");
        assertThat(linked.path("error").asString()).isEqualTo("\"status\" can only be set to \"Unlinked\".");
        assertBadField(api.patch(connection, "{\"status\":\"Gone\"}"), "status");
        assertBadField(api.patch(connection, "{}"), "status");
        JsonNode pending = assertError(api.patch(connection, "{\"status\":\"Unlinked\"}"), 409);
        assertThat(pending.path("error").asString()).contains("is PendingAuth")
                .contains("only a Linked connection can be unlinked");

        assertBadField(api.put(connection + "/authorization", "{\"username\":42}"), "username");
        assertBadField(api.put(connection + "/authorization", "{\"username\":{\"nested\":\"x\"}}"), "username");
        assertBadField(api.put(connection + "/authorization", "[\"username\"]"), "body");
        assertError(api.put(connections + "/" + UUID.randomUUID() + "/authorization", "{\"username\":\"x\"}"), 404);

        assertThat(get(connection)).isEqualTo(before);
        assertThat(get(connections).path("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void integrations() {
        JsonNode missing = assertError(api.get("/integrations/zzzz"), 404);
        assertThat(missing.path("error").asString()).contains("zzzz");
        assertError(api.get("/integrations/zzzz/branding"), 404);
        JsonNode unknownField = assertBadField(api.get("/integrations?query=foo%3Dbar"), "query");
        assertThat(unknownField.path("error").asString()).contains("\"foo\"");
        assertBadField(api.get("/integrations?query=name%3E1"), "query");
        assertBadField(api.get("/integrations?query=%7Bname%3Dx"), "query");
        assertBadField(api.get("/integrations?orderBy=foo"), "query");
        assertBadField(api.get("/integrations?pageSize=0"), "pageSize");
        assertBadField(api.get("/integrations?page=x"), "page");
    }

    private void badSyncSettings(String path) {
        JsonNode before = get(path);
        JsonNode unknown = assertBadField(api.post(path, "{" + settings(setting("notAType")) + "}"),
                "settings[0].dataType");
        assertThat(unknown.path("error").asString()).contains("notAType");
        JsonNode duplicate = assertBadField(api.post(path, "{" + settings(setting("invoices"), setting("bills"),
                setting("invoices")) + "}"), "settings[2].dataType");
        assertThat(itemIds(duplicate)).containsExactly("settings[2].dataType");
        assertBadField(api.post(path, "{" + settings(setting("invoices").replace("\"syncSchedule\":24",
                "\"syncSchedule\":-1")) + "}"), "settings[0].syncSchedule");
        assertBadField(api.post(path, "{" + settings(setting("bills"), setting("invoices").replace("\"syncOrder\":0",
                "\"syncOrder\":0,\"syncFromUtc\":\"last tuesday\"")) + "}"), "settings[1].syncFromUtc");
        JsonNode both = assertBadField(api.post(path, "{" + settings(setting("invoices").replace("\"syncOrder\":0",
                "\"syncOrder\":0,\"syncFromUtc\":\"2024-01-01T00:00:00Z\",\"syncFromWindow\":30")) + "}"),
                "settings[0].syncFromWindow");
        assertThat(both.path("error").asString()).contains("not both");
        assertBadField(api.post(path, "{" + settings(setting("invoices").replace("\"fetchOnFirstLink\":true",
                "\"fetchOnFirstLink\":\"yes\"")) + "}"), "settings[0].fetchOnFirstLink");
        assertBadField(api.post(path, "{" + settings(setting("invoices").replace("\"syncOrder\":0",
                "\"syncOrder\":0,\"colour\":\"red\"")) + "}"), "settings[0].colour");
        assertBadField(api.post(path, "{\"overridesDefaults\":true}"), "settings");
        assertThat(get(path)).as(path).isEqualTo(before);
    }

    /** A sync setting that is valid on its own; tests break one field at a time. */
    private static String setting(String dataType) {
        return "{\"dataType\":\"" + dataType + "\",\"fetchOnFirstLink\":true,\"syncSchedule\":24,\"syncOrder\":0}";
    }

    private static String settings(String... settings) {
        return "\"settings\":[" + String.join(",", settings) + "],\"overridesDefaults\":true";
    }

    private JsonNode get(String path) {
        Api.Response response = api.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> itemIds(JsonNode error) {
        return error.path("validation").path("errors").valueStream().map(e -> e.path("itemId").asString()).toList();
    }
}
