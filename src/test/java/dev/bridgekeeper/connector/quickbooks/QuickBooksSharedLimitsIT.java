package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QuickBooksFixture.ALICE_REALM;
import static dev.bridgekeeper.connector.quickbooks.QuickBooksFixture.QBO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.connector.quickbooks.emulator.QboSettings;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.net.http.HttpResponse;
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
 * Two Bridgekeeper instances on one database sync several companies linked to the same QuickBooks realm with one
 * Intuit app. The realm's limits are shared through PostgreSQL: the emulator counts every call and never has to
 * refuse one. Intuit's 500 requests a "minute" (the minute compressed to three seconds on both sides) is more than
 * two instances on a shared test machine manage (at most 46 calls in a window were measured), so this deployment
 * sets the stricter {@value #PERMITS} a minute (as {@code rate-limits.realm-minute.permits} allows) and the emulator
 * shows no window held more; 10 at once is Intuit's. Pages of 5 records make the reads long enough for the limit to
 * bind.
 */
@ApiIntegrationTest
// a database of its own: other test contexts stay running and must not pick up this context's jobs
@TestPropertySource(properties = "bridgekeeper.data-dir=target/it-data-quickbooks-limits")
class QuickBooksSharedLimitsIT {

    static final List<String> DATA_TYPES = List.of("chartOfAccounts", "customers", "suppliers", "invoices", "bills",
            "payments", "billPayments", "creditNotes", "journalEntries", "items");

    static final int PERMITS = 25;

    @DynamicPropertySource
    static void quickbooks(DynamicPropertyRegistry registry) {
        QuickBooksFixture.configure(registry, 5);
        registry.add("bridgekeeper.integrations.qhyg.rate-limits.realm-minute.permits", () -> PERMITS);
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
    void twoInstancesWithOneIntuitAppNeverExceedTheRealmsLimits() throws Exception {
        QuickBooksFixture.registerApp(publicUrl);
        QBO.faults().clear();
        QBO.clearViolations();
        Tenant tenant = Tenant.create(jdbc, port, "Shared limits " + UUID.randomUUID().toString().substring(0, 8));
        Api api = tenant.api();
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String company = api.post("/companies", "{\"name\":\"Shared " + i + "\"}").json().path("id").asString();
            assertThat(api.post("/companies/" + company + "/syncSettings", QuickBooksConnectorIT.NO_SYNC_ON_LINK)
                    .status()).isEqualTo(204);
            String connection = QuickBooksFixture.createConnection(api, company);
            String linkUrl = api.get("/companies/" + company + "/connections/" + connection).json().path("linkUrl")
                    .asString();
            HttpResponse<String> landing = QuickBooksFixture.authorise(linkUrl, QboSettings.ALICE, ALICE_REALM);
            assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
            companies.add(company);
        }
        try (ConfigurableApplicationContext second = secondInstance()) {
            Api other = Api.at(((WebServerApplicationContext) second).getWebServer().getPort())
                    .withAuthorization(api.authorization());
            QBO.traffic().reset();
            long started = System.nanoTime();
            for (int i = 0; i < companies.size(); i++) {
                Api instance = i % 2 == 0 ? api : other; // each instance runs the jobs it queued at once
                for (String dataType : DATA_TYPES) {
                    Api.Response queued = instance.post("/companies/" + companies.get(i) + "/data/queue/" + dataType,
                            null);
                    assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
                }
            }
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
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
            long calls = QBO.traffic().totalCalls(ALICE_REALM);
            for (String company : companies) {
                JsonNode statuses = api.get("/companies/" + company + "/dataStatus").json();
                for (String dataType : DATA_TYPES) {
                    assertThat(statuses.path(dataType).path("currentStatus").asString()).as(company + " " + dataType)
                            .isEqualTo("Complete");
                }
            }
            assertThat(calls).as("many windows' worth of calls, so the limit binds").isGreaterThan(4L * PERMITS);
            assertThat(QBO.traffic().throttledResponses()).as("Intuit never had to refuse a call").isZero();
            assertThat(QBO.traffic().maxConcurrencyObserved(ALICE_REALM)).as("never more than 10 at once")
                    .isLessThanOrEqualTo(10);
            assertThat(QBO.traffic().maxRequestsInAnyWindow(ALICE_REALM)).as("no 3-second window held more")
                    .isLessThanOrEqualTo(PERMITS);
            // the calls cannot have been made faster than the windows allow
            assertThat(seconds).isGreaterThanOrEqualTo((calls / PERMITS - 1) * QuickBooksFixture.MINUTE.toSeconds());
            assertThat(QBO.violations()).isEmpty();
            System.out.printf("Shared limits: %d calls to one realm in %.1f s by two instances, 0 refused, at most %d"
                    + " at once, at most %d in a window%n", calls, seconds,
                    QBO.traffic().maxConcurrencyObserved(ALICE_REALM), QBO.traffic().maxRequestsInAnyWindow(ALICE_REALM));
        }
    }

    /** A second Bridgekeeper on the same database, configured with the same Intuit app. */
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
                "urls.api-base", "options.minor-version", "rate-limits.realm-minute.window",
                "rate-limits.realm-minute.permits")) {
            args.add("--bridgekeeper.integrations.qhyg." + key + "=" + env.getProperty("bridgekeeper.integrations.qhyg."
                    + key));
        }
        args.add("--bridgekeeper.sync.page-size=" + env.getProperty("bridgekeeper.sync.page-size"));
        args.add("--bridgekeeper.sync.full-sync-interval=" + env.getProperty("bridgekeeper.sync.full-sync-interval"));
        return new SpringApplicationBuilder(BridgekeeperApplication.class).profiles("test")
                .run(args.toArray(String[]::new));
    }
}
