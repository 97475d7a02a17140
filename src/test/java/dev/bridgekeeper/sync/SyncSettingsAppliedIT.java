package dev.bridgekeeper.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The company's sync settings limit how far back a pull reads ({@code syncFromUtc}, or {@code syncFromWindow}
 * months before now), and a completed pull sets Codat's {@code lastSync} on the company and the connection.
 */
@ApiIntegrationTest
class SyncSettingsAppliedIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    Tenant tenant;
    Api api;

    @BeforeEach
    void newTenant() {
        tenant = Tenant.create(jdbc, port, "Sync settings IT");
        api = tenant.api();
    }

    @Test
    void syncFromUtcKeepsOnlyRecordsDatedFromThenAndLastSyncIsSet() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z"); // the sandbox's transactions span 2024-06..2025-06
        SandboxLink link = linkWith("\"syncFromUtc\":\"" + from + "\"");
        String dataset = awaitComplete(link);

        List<String> expected = sandboxIdsFrom(link, from);
        List<String> served = servedIds(link);
        assertThat(expected).isNotEmpty().hasSizeLessThan(600);
        assertThat(served).containsExactlyInAnyOrderElementsOf(expected);

        Instant completed = jdbc.queryForObject("select completed_utc from dataset where id = ?::uuid",
                Timestamp.class, dataset).toInstant();
        JsonNode company = api.get(link.companyPath()).json();
        JsonNode connection = api.get(link.connectionPath()).json();
        assertThat(Duration.between(Instant.parse(connection.path("lastSync").asString()), completed).abs())
                .isLessThan(Duration.ofMillis(1));
        assertThat(Duration.between(Instant.parse(company.path("lastSync").asString()), completed).abs())
                .isLessThan(Duration.ofMillis(1));
    }

    @Test
    void syncFromWindowKeepsOnlyTheLastMonths() {
        // a window whose start falls in the middle of the sandbox's year of transactions, whatever today is
        Instant middle = Instant.parse("2024-12-01T00:00:00Z");
        long months = ChronoUnit.MONTHS.between(middle.atOffset(ZoneOffset.UTC),
                Instant.now().atOffset(ZoneOffset.UTC));
        SandboxLink link = linkWith("\"syncFromWindow\":" + months);
        String dataset = awaitComplete(link);

        Instant from = jdbc.queryForObject("select sync_from from dataset where id = ?::uuid", Timestamp.class,
                dataset).toInstant();
        Instant requested = jdbc.queryForObject("select fetch_started_utc from dataset where id = ?::uuid",
                Timestamp.class, dataset).toInstant();
        assertThat(from).isEqualTo(requested.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant()
                .truncatedTo(ChronoUnit.MICROS));
        List<String> expected = sandboxIdsFrom(link, from);
        assertThat(expected).isNotEmpty().hasSizeLessThan(600);
        assertThat(servedIds(link)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private SandboxLink linkWith(String limit) {
        Api.Response company = api.post("/companies", "{\"name\":\"Windowed Co\"}");
        UUID companyId = UUID.fromString(company.json().path("id").asString());
        Api.Response settings = api.post("/companies/" + companyId + "/syncSettings", "{\"settings\":[{\"dataType\":"
                + "\"banking-transactions\",\"fetchOnFirstLink\":true,\"syncSchedule\":0,\"syncOrder\":0," + limit
                + "}],\"overridesDefaults\":true}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(204);
        return SandboxLink.linkAnother(tenant, companyId, publicUrl, "sbbk", "user_good");
    }

    private String awaitComplete(SandboxLink link) {
        String path = link.companyPath() + "/data/history";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode op = api.get(path).json().path("results").path(0);
            return op.path("isCompleted").asBoolean() || op.path("isErrored").asBoolean();
        });
        JsonNode op = api.get(path).json().path("results").path(0);
        assertThat(op.path("status").asString()).as(op.toString()).isEqualTo("Complete");
        return op.path("id").asString();
    }

    private List<String> sandboxIdsFrom(SandboxLink link, Instant from) {
        Api sandbox = Api.at(port).withBearer(link.accessToken(credentials));
        List<String> ids = new ArrayList<>();
        sandbox.get("/sandbox/banking/api/data/banking-transactions?pageSize=5000").json().path("results")
                .forEach(t -> {
                    if (!Instant.parse(t.path("postedDate").asString()).isBefore(from)) {
                        ids.add(t.path("id").asString());
                    }
                });
        return ids;
    }

    private List<String> servedIds(SandboxLink link) {
        List<String> ids = new ArrayList<>();
        api.get(link.connectionPath() + "/data/banking-transactions?pageSize=2000").json().path("results")
                .forEach(t -> ids.add(t.path("id").asString()));
        return ids;
    }
}
