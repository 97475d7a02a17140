package dev.bridgekeeper.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two application instances on one database refresh the same connection at the same moment:
 * the row lock lets exactly one refresh request reach the platform, and both get the new token.
 */
@ApiIntegrationTest
class SingleFlightRefreshIT {

    static final String NO_SYNC_ON_LINK = "{\"settings\":[{\"dataType\":\"banking-accounts\","
            + "\"fetchOnFirstLink\":false,\"syncSchedule\":0,\"syncOrder\":0}],\"overridesDefaults\":true}";

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    Environment env;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    @Autowired
    MeterRegistry meters;

    @Test
    void exactlyOneRefreshReachesThePlatform() throws Exception {
        Api api = Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
        UUID clientId = jdbc.queryForObject("select client_id from api_key order by created_utc limit 1", UUID.class);
        api.put("/profile", "{\"name\":\"Lender\",\"redirectUrl\":\"\",\"whiteListUrls\":[]}");
        UUID companyId = UUID.fromString(api.post("/companies", "{\"name\":\"Twice Ltd\"}").json().path("id").asString());
        // no sync on link: its jobs would use (and refresh) the token while this test counts refreshes
        assertThat(api.post("/companies/" + companyId + "/syncSettings", NO_SYNC_ON_LINK).status()).isEqualTo(204);
        JsonNode connection = api.post("/companies/" + companyId + "/connections", "{\"platformKey\":\"sbbk\"}").json();
        UUID connectionId = UUID.fromString(connection.path("id").asString());
        SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(), publicUrl, "user_expiring", true);
        assertThat(jdbc.queryForObject("select status from connection where id = ?", String.class, connectionId))
                .isEqualTo("Linked");

        try (ConfigurableApplicationContext second = secondInstance()) {
            ConnectionCredentials otherCredentials = second.getBean(ConnectionCredentials.class);
            double before = refreshes();
            ClientId client = ClientId.of(clientId);
            CompanyId company = CompanyId.of(companyId);
            ConnectionId linked = ConnectionId.of(connectionId);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<String> here = CompletableFuture.supplyAsync(() -> {
                await(go);
                return credentials.accessToken(client, company, linked);
            });
            CompletableFuture<String> there = CompletableFuture.supplyAsync(() -> {
                await(go);
                return otherCredentials.accessToken(client, company, linked);
            });
            go.countDown();

            List<String> tokens = List.of(here.get(60, TimeUnit.SECONDS), there.get(60, TimeUnit.SECONDS));
            assertThat(refreshes()).isEqualTo(before + 1);
            assertThat(tokens.get(0)).isEqualTo(tokens.get(1));
            assertThat(jdbc.queryForObject("select refreshed_count from connection_token where connection_id = ?",
                    Integer.class, connectionId)).isEqualTo(1);
        }
    }

    /** A second Bridgekeeper on the same database whose catalog points at this instance's sandbox. */
    private ConfigurableApplicationContext secondInstance() throws Exception {
        Path secrets = Path.of(env.getProperty("bridgekeeper.data-dir"), "secrets");
        return new SpringApplicationBuilder(BridgekeeperApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + env.getProperty("spring.datasource.password"),
                "--bridgekeeper.public-url=" + publicUrl,
                "--bridgekeeper.security.token-signing-key=" + Files.readString(secrets.resolve("token-signing.key")),
                "--bridgekeeper.encryption.keys=dev:" + Files.readString(secrets.resolve("encryption.key")));
    }

    private double refreshes() {
        return meters.find("bridgekeeper.sandbox.token.requests").tag("platform", "banking")
                .tag("grant_type", "refresh_token").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
