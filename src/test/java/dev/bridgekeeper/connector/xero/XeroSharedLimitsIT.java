package dev.bridgekeeper.connector.xero;

import static dev.bridgekeeper.connector.xero.XeroFixture.XERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two Bridgekeeper instances on one database sync several companies linked to the same Xero organisation with one
 * Xero app. Xero's limits (per organisation 60 calls a "minute" and 5 in flight; the minute compressed to three
 * seconds on both sides) are shared through PostgreSQL: the emulator counts every call and never has to refuse one.
 */
@ApiIntegrationTest
// a database of its own: other test contexts stay running (job runtimes cannot be paused), and their workers, which
// know no Xero app, must not pick up this context's jobs. A data-dir is read before the context starts, so it is set
// here, not with the dynamic properties.
@TestPropertySource(properties = "bridgekeeper.data-dir=target/it-data-xero-limits")
class XeroSharedLimitsIT {

    static final List<String> DATA_TYPES = XeroConnectorIT.DATA_TYPES;
    static final UUID DEMO = XeroEmulatorConfig.DEMO_TENANT;

    @DynamicPropertySource
    static void xero(DynamicPropertyRegistry registry) {
        XeroFixture.configure(registry);
    }

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    Environment env;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoInstancesWithOneXeroAppNeverExceedTheOrganisationsLimits() throws Exception {
        XeroFixture.registerApp(publicUrl);
        XERO.faults().clear();
        Tenant tenant = Tenant.create(jdbc, port, "Shared limits " + UUID.randomUUID().toString().substring(0, 8));
        Api api = tenant.api();
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String company = api.post("/companies", "{\"name\":\"Shared " + i + "\"}").json().path("id").asString();
            assertThat(api.post("/companies/" + company + "/syncSettings", XeroConnectorIT.NO_SYNC_ON_LINK).status())
                    .isEqualTo(204);
            String connection = XeroFixture.createConnection(api, company);
            String linkUrl = api.get("/companies/" + company + "/connections/" + connection).json().path("linkUrl")
                    .asString();
            XeroFixture.Landing landing = XeroFixture.authorise(linkUrl, XeroEmulatorConfig.SINGLE_ORG_USER,
                    List.of(DEMO));
            assertThat(landing.status()).as(landing.body()).isEqualTo(200);
            companies.add(company);
        }
        try (ConfigurableApplicationContext second = secondInstance()) {
            Api other = Api.at(((WebServerApplicationContext) second).getWebServer().getPort())
                    .withAuthorization(api.authorization());
            XERO.stats().reset();
            long started = System.nanoTime();
            for (int i = 0; i < companies.size(); i++) {
                Api instance = i % 2 == 0 ? api : other; // each instance runs the jobs it queued at once
                for (String dataType : DATA_TYPES) {
                    Api.Response queued = instance.post("/companies/" + companies.get(i) + "/data/queue/" + dataType,
                            null);
                    assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
                }
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String company : companies) {
                    JsonNode statuses = api.get("/companies/" + company + "/dataStatus").json();
                    for (String dataType : DATA_TYPES) {
                        assertThat(statuses.path(dataType).path("currentStatus").asString())
                                .as(company + " " + dataType).isIn("Complete", "FetchError", "AuthError",
                                        "RateLimitError", "InternalError");
                    }
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            long calls = XERO.stats().apiCalls(DEMO);
            for (String company : companies) {
                JsonNode statuses = api.get("/companies/" + company + "/dataStatus").json();
                for (String dataType : DATA_TYPES) {
                    assertThat(statuses.path(dataType).path("currentStatus").asString()).as(company + " " + dataType)
                            .isEqualTo("Complete");
                }
            }
            assertThat(calls).as("enough calls for the limit to matter").isGreaterThan(120);
            assertThat(XERO.stats().tooManyRequestsSent()).as("Xero never had to refuse a call: "
                    + XERO.stats().rateLimited()).isZero();
            assertThat(XERO.stats().maxInFlight(DEMO)).as("never more than 5 calls in flight").isLessThanOrEqualTo(5);
            // 60 calls per 3-second window: the calls cannot have been made faster than the windows allow
            assertThat(seconds).isGreaterThanOrEqualTo((calls / 60 - 1) * XeroFixture.MINUTE.toSeconds());
            assertThat(XERO.stats().violations()).isEmpty();
            System.out.printf("Shared limits: %d calls to one organisation in %.1f s by two instances, 0 refused%n",
                    calls, seconds);
        }
    }

    /** A second Bridgekeeper on the same database, configured with the same Xero app. */
    private ConfigurableApplicationContext secondInstance() throws Exception {
        Path secrets = Path.of(env.getProperty("bridgekeeper.data-dir"), "secrets");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + env.getProperty("spring.datasource.password"),
                "--bridgekeeper.public-url=" + publicUrl,
                "--bridgekeeper.security.token-signing-key=" + Files.readString(secrets.resolve("token-signing.key")),
                "--bridgekeeper.encryption.keys=dev:" + Files.readString(secrets.resolve("encryption.key"))));
        for (String key : List.of("client-id", "client-secret", "urls.authorize", "urls.token", "urls.revoke",
                "urls.connections", "urls.api-base", "rate-limits.tenant-minute.window",
                "rate-limits.app-minute.window")) {
            args.add("--bridgekeeper.integrations.gbol." + key + "=" + env.getProperty("bridgekeeper.integrations.gbol."
                    + key));
        }
        args.add("--bridgekeeper.sync.page-size=" + env.getProperty("bridgekeeper.sync.page-size"));
        return new SpringApplicationBuilder(BridgekeeperApplication.class).profiles("test")
                .run(args.toArray(String[]::new));
    }
}
