package dev.bridgekeeper.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.connector.xero.emulator.LedgerSize;
import dev.bridgekeeper.connector.xero.emulator.RateLimitPolicy;
import dev.bridgekeeper.connector.xero.emulator.XeroApp;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulator;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig;
import dev.bridgekeeper.connector.xero.emulator.XeroSignIn;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.Tenant;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A first sync paced by Xero's limits, as the benchmark meets them at Xero's real minute: the read has to wait longer
 * than {@code max-inline-wait} (5 s) for the minute window, and Xero may count a call some time after it was sent.
 * The limits are 3 calls per 20-second "minute" on both sides (few calls, so the test is short, and a window long
 * enough that the wait for the next one is longer than the inline wait however slow a loaded machine makes the
 * calls before it), with an emulator of this class's own.
 */
@ApiIntegrationTest
// a database of its own (other contexts' workers must not run this context's jobs); set here, before start-up
@TestPropertySource(properties = "bridgekeeper.data-dir=target/it-data-xero-paced")
class XeroPacedFirstSyncIT {

    static final int PERMITS = 3;
    static final Duration MINUTE = Duration.ofSeconds(20);
    static final int PAGE_SIZE = 60;
    static final String CLIENT_ID = "bridgekeeper-paced-app";
    static final String CLIENT_SECRET = "xero-paced-app-secret";
    /** 500 invoices and bills: about 285 sales invoices, 5 pages, more than one window's permits. */
    static final XeroEmulator XERO = XeroEmulator.start(XeroEmulatorConfig.defaults()
            .withLedgerSize(LedgerSize.small().withInvoices(500))
            .withRateLimits(RateLimitPolicy.xeroDefaults().withTenantCallsPerMinute(PERMITS).withMinuteWindow(MINUTE)));

    @DynamicPropertySource
    static void xero(DynamicPropertyRegistry registry) {
        registry.add("bridgekeeper.integrations.gbol.client-id", () -> CLIENT_ID);
        registry.add("bridgekeeper.integrations.gbol.client-secret", () -> CLIENT_SECRET);
        registry.add("bridgekeeper.integrations.gbol.urls.authorize", XERO::authorizeUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.token", XERO::tokenUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.revoke", XERO::revocationUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.connections", XERO::connectionsUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.api-base", XERO::apiBaseUrl);
        registry.add("bridgekeeper.integrations.gbol.rate-limits.tenant-minute.permits", () -> PERMITS);
        registry.add("bridgekeeper.integrations.gbol.rate-limits.tenant-minute.window", MINUTE::toString);
        registry.add("bridgekeeper.integrations.gbol.rate-limits.app-minute.window", MINUTE::toString);
        registry.add("bridgekeeper.sync.page-size", () -> PAGE_SIZE);
    }

    @AfterAll
    static void stop() {
        XERO.close();
    }

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        XERO.registerApp(XeroApp.web(CLIENT_ID, CLIENT_SECRET, publicUrl + "/oauth/callback"));
        XERO.faults().clear();
        api = Tenant.create(jdbc, port, "Paced lender " + UUID.randomUUID().toString().substring(0, 8)).api();
    }

    /**
     * Before: the first sync read straight into the cache in one transaction; the wait for the next window (longer
     * than the inline wait) rolled it back and the staged retry read every page again from page 1.
     */
    @Test
    void aFirstSyncThatWaitsForTheMinuteWindowReadsEachPageOnce() {
        UUID tenant = XeroEmulatorConfig.HARBOUR_TENANT;
        String company = linkedCompany(tenant);
        XERO.stats().reset();

        String dataset = queueInvoices(company);
        awaitComplete(company, dataset);

        long cached = cachedInvoices(dataset);
        long pages = (cached + PAGE_SIZE - 1) / PAGE_SIZE;
        assertThat(pages).as("the read needs more calls than one window allows").isGreaterThan(PERMITS);
        assertThat(jdbc.queryForObject("select waiting_until is not null and rate_limit_waits = 0 from dataset"
                + " where id = ?", Boolean.class, UUID.fromString(dataset)))
                .as("the pull waited for Bridgekeeper's own pacing, longer than inline").isTrue();
        assertThat(XERO.stats().apiCallsByEndpoint().get("GET /Invoices")).as("every page read once")
                .isEqualTo(pages);
        assertThat(XERO.stats().tooManyRequestsSent()).isZero();
        assertThat(XERO.stats().violations()).isEmpty();
    }

    /**
     * Before: a permit counted from when Bridgekeeper granted it. Xero counts a call when it looks at it; when that
     * was later than the 1-s margin (a busy front end, here 5 s), Bridgekeeper's window ended before Xero's and the
     * first call of the next window was answered 429. A permit now counts from the call's answer.
     */
    @Test
    void aCallXeroCountsLateDoesNotMakeTheNextWindowMeetA429() {
        UUID tenant = XeroEmulatorConfig.NORTHWIND_TENANT;
        String company = linkedCompany(tenant);
        XERO.stats().reset();
        XERO.faults().countedLate(1, Duration.ofSeconds(5)); // the read's first call

        String dataset = queueInvoices(company);
        awaitComplete(company, dataset);

        assertThat(XERO.faults().pending()).as("the first call was counted late").isZero();
        long pages = (cachedInvoices(dataset) + PAGE_SIZE - 1) / PAGE_SIZE;
        assertThat(pages).as("the read runs into the next window").isGreaterThan(PERMITS);
        assertThat(XERO.stats().rateLimited()).as("Xero never refused a call").isEmpty();
        assertThat(XERO.stats().apiCallsByEndpoint().get("GET /Invoices")).isEqualTo(pages);
        assertThat(XERO.stats().violations()).isEmpty();
    }

    // ---- helpers ----

    /** A company (no sync on link) whose Xero connection is linked to {@code tenant}. */
    private String linkedCompany(UUID tenant) {
        String company = api.post("/companies", "{\"name\":\"Paced " + UUID.randomUUID() + "\"}").json().path("id")
                .asString();
        assertThat(api.post("/companies/" + company + "/syncSettings", XeroConnectorIT.NO_SYNC_ON_LINK).status())
                .isEqualTo(204);
        Api.Response created = api.post("/companies/" + company + "/connections", "{\"platformKey\":\"gbol\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String connection = created.json().path("id").asString();
        String linkUrl = api.get("/companies/" + company + "/connections/" + connection).json().path("linkUrl")
                .asString();
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(linkUrl);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        URI back = new XeroSignIn().allow(Browser.location(start), XeroEmulatorConfig.MULTI_ORG_USER,
                XeroEmulatorConfig.PASSWORD, List.of(tenant));
        HttpResponse<String> landing = browser.get(back.toString());
        assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
        assertThat(api.get("/companies/" + company + "/connections/" + connection).json().path("status").asString())
                .isEqualTo("Linked");
        return company;
    }

    private String queueInvoices(String company) {
        Api.Response queued = api.post("/companies/" + company + "/data/queue/invoices", null);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        return queued.json().path("id").asString();
    }

    private void awaitComplete(String company, String dataset) {
        String path = "/companies/" + company + "/data/history/" + dataset;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                api.get(path).json().path("status").asString()).isIn("Complete", "FetchError", "RateLimitError",
                        "AuthError", "InternalError"));
        assertThat(api.get(path).json().path("status").asString()).as(api.get(path).toString()).isEqualTo("Complete");
    }

    private long cachedInvoices(String dataset) {
        return jdbc.queryForObject("select count(*) from record r join dataset d on d.connection_id = r.connection_id"
                + " where d.id = ? and r.data_type = 'invoices'", Long.class, UUID.fromString(dataset));
    }
}
