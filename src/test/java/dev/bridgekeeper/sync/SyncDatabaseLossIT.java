package dev.bridgekeeper.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A first sync whose database connection is cut mid-fetch, as a PostgreSQL restart cuts it (the backend terminated
 * with SQLSTATE 57P01, "terminating connection due to administrator command"): the pull is tried again once the
 * database answers and ends Complete with exactly the sandbox's records, instead of InternalError.
 * bench/run-crash-tests.sh does the same with a real restart of the server between two instances.
 */
@ApiIntegrationTest
// small pages, so the slow sandbox user's 600 transactions take a dozen pages (0.3 s each) to read; other settings
// than the shared context's, so a database of its own (read before the context starts, hence not dynamic)
@TestPropertySource(properties = {"bridgekeeper.sync.page-size=50",
        "bridgekeeper.data-dir=target/it-data-sync-database-loss"})
class SyncDatabaseLossIT {

    private static final List<String> BANKING = List.of("banking-accounts", "banking-transactions",
            "banking-accountBalances", "banking-transactionCategories");

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    @Test
    void aFirstSyncWhoseDatabaseConnectionIsCutIsTriedAgainAndCompletes() {
        Tenant tenant = Tenant.create(jdbc, port, "Database loss IT");
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_slow");
        String dataset = jdbc.queryForObject("select id::text from dataset where connection_id = ?"
                + " and data_type = 'banking-transactions'", String.class, link.connectionId());
        // the direct first sync holds one transaction with the data type's advisory lock while it reads
        String lock = "records:" + link.connectionId() + ":banking-transactions";
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> progress(dataset) >= 20 && syncBackend(lock) != null);
        assertThat(progress(dataset)).as("cut mid-fetch").isBetween(20, 69);

        assertThat(jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, syncBackend(lock)))
                .as("the sync's connection was cut").isTrue();

        Api api = tenant.api();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode statuses = api.get(link.companyPath() + "/dataStatus").json();
            for (String dataType : BANKING) {
                assertThat(statuses.path(dataType).path("currentStatus").asString()).as(dataType)
                        .isEqualTo("Complete");
            }
        });
        assertThat(jdbc.queryForObject("select status from dataset where id = ?::uuid", String.class, dataset))
                .as("the same pull, not a new one").isEqualTo("Complete");
        assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                + " 'banking-transactions'", Integer.class, link.connectionId())).isEqualTo(600);

        Api sandbox = Api.at(port).withBearer(link.accessToken(credentials));
        List<String> expected = ids(sandbox.get("/sandbox/banking/api/data/banking-transactions?pageSize=5000")
                .json().path("results"));
        List<String> served = ids(api.get(link.connectionPath() + "/data/banking-transactions?pageSize=2000")
                .json().path("results"));
        assertThat(served).hasSize(600).containsExactlyInAnyOrderElementsOf(expected);
    }

    private int progress(String dataset) {
        return jdbc.queryForObject("select progress from dataset where id = ?::uuid", Integer.class, dataset);
    }

    /** The backend holding the data type's advisory lock (a bigint key: classid the high half, objid the low). */
    private Integer syncBackend(String lock) {
        List<Integer> pids = jdbc.queryForList("select pid from pg_locks where locktype = 'advisory' and granted"
                + " and objsubid = 1 and ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)",
                Integer.class, lock);
        return pids.isEmpty() ? null : pids.get(0);
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }
}
