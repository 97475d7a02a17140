package dev.bridgekeeper.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.sandbox.internal.SandboxRecordEdits;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A platform record holding U+0000 or a lone UTF-16 surrogate (which PostgreSQL cannot store in jsonb), or bytes that
 * are not UTF-8 (which no JSON parser or database takes), is stored with U+FFFD in its place, by a refresh (staged)
 * and by a first sync (straight into the cache), and the syncs after it go on completing.
 */
@ApiIntegrationTest
class NulCharacterSyncIT {

    private static final Duration SYNC = Duration.ofSeconds(60);
    private static final String CUSTOMERS = "/sandbox/commerce/api/data/commerce-customers";

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    @Autowired
    ApplicationContext context;

    @Test
    void aRecordWithNulIsStoredWithTheReplacementCharacterAndDoesNotPoisonLaterSyncs() {
        Tenant tenant = Tenant.create(jdbc, port, "NUL records");
        Api api = tenant.api();
        SandboxLink first = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        awaitComplete(api, first);
        Api sandbox = Api.at(port).withBearer(first.accessToken(credentials));
        JsonNode customer = sandbox.get(CUSTOMERS + "?pageSize=1").json().path("results").get(0);
        String id = customer.path("id").asString();
        String name = customer.path("customerName").asString();
        SandboxRecordEdits edits = SandboxRecordEdits.of(context);
        try {
            Map<String, Object> edited = edits.set("commerce", "user_good", "commerce-customers", id,
                    Map.of("customerName", "Nul\u0000Name"));
            assertThat(edited.get("customerName")).isEqualTo("Nul\u0000Name");
            assertThat(sandbox.get(CUSTOMERS + "/" + id).json().path("customerName").asString())
                    .as("the platform serves it").isEqualTo("Nul\u0000Name");

            // a refresh stages the changed record
            assertThat(refresh(api, first).path("status").asString()).isEqualTo("Complete");
            assertThat(cached(api, first, id).path("customerName").asString()).isEqualTo("Nul\uFFFDName");

            // a first sync copies every record straight into the cache
            SandboxLink second = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
            awaitComplete(api, second);
            assertThat(cached(api, second, id).path("customerName").asString()).isEqualTo("Nul\uFFFDName");

            // and the record does not stop the next sync
            edits.touch("commerce", "user_good", "commerce-customers", id);
            assertThat(refresh(api, first).path("status").asString()).isEqualTo("Complete");
        } finally {
            edits.set("commerce", "user_good", "commerce-customers", id, Map.of("customerName", name));
        }
    }

    @Test
    void aRecordWithLoneSurrogatesIsStoredWithTheReplacementCharacterAndPairsAreKept() {
        Tenant tenant = Tenant.create(jdbc, port, "Lone surrogate records");
        Api api = tenant.api();
        SandboxLink first = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        awaitComplete(api, first);
        Api sandbox = Api.at(port).withBearer(first.accessToken(credentials));
        JsonNode customer = sandbox.get(CUSTOMERS + "?pageSize=2").json().path("results").get(1);
        String id = customer.path("id").asString();
        String name = customer.path("customerName").asString();
        String email = customer.path("emailAddress").asString();
        SandboxRecordEdits edits = SandboxRecordEdits.of(context);
        try {
            // Jackson writes a lone surrogate as its escape: the platform sends "\uD800", which jsonb refuses
            edits.set("commerce", "user_good", "commerce-customers", id,
                    Map.of("customerName", "Lone\uD800High \uD83D\uDE00", "emailAddress", "low\uDC00@example.com"));
            assertThat(sandbox.get(CUSTOMERS + "/" + id).body()).contains("\\uD800");

            assertThat(refresh(api, first).path("status").asString()).isEqualTo("Complete");
            JsonNode cached = cached(api, first, id);
            assertThat(cached.path("customerName").asString()).isEqualTo("Lone\uFFFDHigh \uD83D\uDE00");
            assertThat(cached.path("emailAddress").asString()).isEqualTo("low\uFFFD@example.com");

            SandboxLink second = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
            awaitComplete(api, second);
            assertThat(cached(api, second, id).path("customerName").asString())
                    .isEqualTo("Lone\uFFFDHigh \uD83D\uDE00");

            edits.touch("commerce", "user_good", "commerce-customers", id);
            assertThat(refresh(api, first).path("status").asString()).isEqualTo("Complete");
        } finally {
            edits.set("commerce", "user_good", "commerce-customers", id,
                    Map.of("customerName", name, "emailAddress", email));
        }
    }

    @Test
    void aRecordWithMalformedUtf8IsStoredWithTheReplacementCharacter() {
        Tenant tenant = Tenant.create(jdbc, port, "Malformed UTF-8 records");
        Api api = tenant.api();
        SandboxLink first = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        awaitComplete(api, first);
        Api sandbox = Api.at(port).withBearer(first.accessToken(credentials));
        JsonNode customer = sandbox.get(CUSTOMERS + "?pageSize=3").json().path("results").get(2);
        String id = customer.path("id").asString();
        String name = customer.path("customerName").asString();
        SandboxRecordEdits edits = SandboxRecordEdits.of(context);
        // an overlong '/', a stray continuation byte and a euro sign cut short
        byte[] malformed = {'B', 'a', 'd', (byte) 0xC0, (byte) 0xAF, (byte) 0x80, ' ', (byte) 0xE2, (byte) 0x82, 'N'};
        String stored = "Bad\uFFFD\uFFFD\uFFFD \uFFFDN";
        try {
            edits.set("commerce", "user_good", "commerce-customers", id,
                    Map.of("customerName", SandboxRecordEdits.rawString(malformed)));

            // a refresh stages the changed record
            assertThat(refresh(api, first).path("status").asString()).isEqualTo("Complete");
            assertThat(cached(api, first, id).path("customerName").asString()).isEqualTo(stored);

            // a first sync copies every record straight into the cache
            SandboxLink second = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
            awaitComplete(api, second);
            assertThat(cached(api, second, id).path("customerName").asString()).isEqualTo(stored);
            assertThat(jdbc.queryForObject("select data ->> 'customerName' from record where connection_id = ?"
                    + " and data_type = 'commerce-customers' and record_id = ?", String.class, second.connectionId(),
                    id)).isEqualTo(stored);
        } finally {
            edits.set("commerce", "user_good", "commerce-customers", id, Map.of("customerName", name));
        }
    }

    private void awaitComplete(Api api, SandboxLink link) {
        await().atMost(SYNC).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode statuses = api.get(link.companyPath() + "/dataStatus").json();
            for (String dataType : List.of("commerce-customers")) {
                assertThat(statuses.path(dataType).path("currentStatus").asString()).as(dataType + " " + statuses)
                        .isEqualTo("Complete");
            }
        });
    }

    private JsonNode refresh(Api api, SandboxLink link) {
        String datasetId = api.post(link.companyPath() + "/data/queue/commerce-customers", null).json().path("id")
                .asString();
        String path = link.companyPath() + "/data/history/" + datasetId;
        await().atMost(SYNC).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode op = api.get(path).json();
            return op.path("isCompleted").asBoolean() || op.path("isErrored").asBoolean();
        });
        return api.get(path).json();
    }

    private static JsonNode cached(Api api, SandboxLink link, String id) {
        return api.get(link.connectionPath() + "/data/commerce-customers/" + id).json();
    }
}
