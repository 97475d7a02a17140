package dev.bridgekeeper.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.Tenant;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Whoever holds a linkUrl can send the OAuth callback any error, as often as they like: a connection keeps only
 * RFC 6749's error codes, a short description, a bounded list of errors with repeats recorded once, and a Linked
 * connection (which still works) sends no connection.failed.
 */
@ApiIntegrationTest
class CallbackErrorIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    UUID clientId;
    String companyId;

    @BeforeEach
    void newClient() {
        Tenant tenant = Tenant.create(jdbc, port, "Callback errors");
        api = tenant.api();
        clientId = tenant.clientId();
        // connection.failed is queued only for a consumer that wants it; its deliveries go nowhere
        Api.Response consumer = api.post("/webhooks", "{\"url\":\"http://127.0.0.1:9/failed\","
                + "\"eventTypes\":[\"connection.failed\"]}");
        assertThat(consumer.status()).as(consumer.toString()).isEqualTo(201);
        companyId = api.post("/companies", "{\"name\":\"Errors Ltd\"}").json().path("id").asString();
        assertThat(api.post("/companies/" + companyId + "/syncSettings", SingleFlightRefreshIT.NO_SYNC_ON_LINK)
                .status()).isEqualTo(204);
    }

    @Test
    void aLargeErrorSentAgainAndAgainIsStoredOnceAndShort() {
        JsonNode connection = create("sbac");
        // 7 KB in all: within Tomcat's 8 KB request line, as in the review's reproduction
        String junk = "x".repeat(6 * 1024);
        String description = "y".repeat(1000);
        for (int i = 0; i < 25; i++) {
            callback(connection, "error=" + junk + "&error_description=" + description);
        }
        JsonNode stored = get(connection);
        assertThat(stored.path("status").asString()).isEqualTo("PendingAuth");
        assertThat(stored.path("dataConnectionErrors").size()).isEqualTo(1);
        String message = stored.path("dataConnectionErrors").get(0).path("errorMessage").asString();
        assertThat(message).startsWith("The platform reported an error: unrecognised_error (yyy").hasSizeLessThan(300);
        assertThat(stored.toString().length()).isLessThan(3_000);
        assertThat(failedEvents(connection)).isEqualTo(1);
    }

    @Test
    void theErrorCodesOfRfc6749AreKeptAndTheListIsCapped() {
        JsonNode connection = create("sbbk");
        callback(connection, "error=temporarily_unavailable");
        for (int i = 0; i < 14; i++) {
            callback(connection, "error=server_error&error_description=" + enc("attempt " + i + "\n\u0007"));
        }
        JsonNode errors = get(connection).path("dataConnectionErrors");
        assertThat(errors.size()).isEqualTo(10);
        assertThat(errors.get(9).path("errorMessage").asString())
                .isEqualTo("The platform reported an error: server_error (attempt 13)");
        assertThat(errors.valueStream().map(e -> e.path("errorMessage").asString()))
                .noneMatch(m -> m.contains("temporarily_unavailable"));
        assertThat(failedEvents(connection)).isEqualTo(15);
    }

    @Test
    void aLinkedConnectionRecordsTheErrorWithoutConnectionFailed() {
        JsonNode connection = create("sbcm");
        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(),
                publicUrl, "user_good", true);
        assertThat(back.statusCode()).as(back.body()).isLessThan(400);
        assertThat(get(connection).path("status").asString()).isEqualTo("Linked");

        callback(connection, "error=access_denied");
        callback(connection, "error=invalid_scope");
        JsonNode stored = get(connection);
        assertThat(stored.path("status").asString()).isEqualTo("Linked");
        assertThat(stored.path("dataConnectionErrors").valueStream().map(e -> e.path("errorMessage").asString()))
                .contains("User cancelled.", "The platform reported an error: invalid_scope");
        assertThat(failedEvents(connection)).isZero();
    }

    /** Opens the linkUrl (a fresh state) and sends the callback that state with {@code query}. */
    private void callback(JsonNode connection, String query) {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(connection.path("linkUrl").asString());
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String state = UriComponentsBuilder.fromUriString(Browser.location(start)).build().getQueryParams()
                .getFirst("state");
        HttpResponse<String> answered = browser.get(publicUrl + "/oauth/callback?state=" + state + "&" + query);
        assertThat(answered.statusCode()).as(answered.body()).isLessThan(500);
    }

    /** The connection.failed webhook messages queued for the connection. */
    private int failedEvents(JsonNode connection) {
        return jdbc.queryForObject("""
                select count(*) from webhook_message where client_id = ? and event_type = 'connection.failed'
                and body like ?""", Integer.class, clientId, "%" + connection.path("id").asString() + "%");
    }

    private JsonNode create(String platformKey) {
        Api.Response created = api.post("/companies/" + companyId + "/connections",
                "{\"platformKey\":\"" + platformKey + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    private JsonNode get(JsonNode connection) {
        return api.get("/companies/" + companyId + "/connections/" + connection.path("id").asString()).json();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
