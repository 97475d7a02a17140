package dev.bridgekeeper.connector.xero.emulator;

import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.SCOPES;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.DEMO_TENANT;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.MULTI_ORG_USER;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.NORTHWIND_TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Xero's rate limits with compressed windows, and the faults a test can inject, over real HTTP. */
class XeroEmulatorLimitsTest {

    private XeroEmulator xero;
    private EmulatorHttp client;
    private String access;

    private void start(RateLimitPolicy policy) {
        xero = XeroEmulator.start(XeroEmulatorConfig.defaults().withLedgerSize(LedgerSize.tiny()).withRateLimits(policy))
                .registerApp(EmulatorHttp.app());
        client = new EmulatorHttp(xero);
        access = client.link(MULTI_ORG_USER, List.of(DEMO_TENANT, NORTHWIND_TENANT), SCOPES).path("access_token")
                .asString();
    }

    @AfterEach
    void stop() {
        List<EmulatorStats.Violation> violations = xero.stats().violations();
        xero.close();
        assertThat(violations).isEmpty();
    }

    private HttpResponse<String> call() {
        return client.api(access, DEMO_TENANT, "/Currencies");
    }

    @Test
    void theMinuteLimitRefusesTheCallOverTheLimitUntilTheWindowMoves() {
        start(RateLimitPolicy.xeroDefaults().withTenantCallsPerMinute(10).withMinuteWindow(Duration.ofSeconds(2)));
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> ok = call();
            assertThat(ok.statusCode()).isEqualTo(200);
            remaining.add(ok.headers().firstValue("X-MinLimit-Remaining").orElseThrow());
        }
        assertThat(remaining).containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1", "0");
        HttpResponse<String> refused = call();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-Rate-Limit-Problem")).hasValue("minute");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(refused.headers().firstValue("X-DayLimit-Remaining")).hasValue("4990");
        // another tenant has its own minute
        assertThat(client.api(access, NORTHWIND_TENANT, "/Currencies").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> call().statusCode() == 200);
        assertThat(xero.stats().rateLimited()).containsKey("minute");
    }

    @Test
    void theDayLimitRefusesUntilADayHasPassed() {
        start(RateLimitPolicy.xeroDefaults().withDayLimit(5, Duration.ofDays(1)));
        for (int i = 0; i < 5; i++) {
            assertThat(call().statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = call();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-Rate-Limit-Problem")).hasValue("day");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(86_000L, 86_400L);
        assertThat(refused.headers().firstValue("X-DayLimit-Remaining")).hasValue("0");
        xero.clock().advance(Duration.ofDays(1));
        // the access token expired meanwhile; the limit is what matters here, so expect 401, not 429
        assertThat(call().statusCode()).isEqualTo(401);
    }

    @Test
    void theSixthCallInFlightForATenantIsRefusedAsConcurrent() {
        start(RateLimitPolicy.xeroDefaults());
        xero.faults().slow(6, Duration.ofMillis(1500));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(client.apiAsync(access, DEMO_TENANT, "/Currencies"));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).containsOnly(200, 429);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(1);
        HttpResponse<String> refused = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429)
                .findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("X-Rate-Limit-Problem")).hasValue("concurrent");
        assertThat(xero.stats().maxInFlight(DEMO_TENANT)).isEqualTo(6);
        assertThat(xero.stats().rateLimited()).isEqualTo(Map.of("concurrent", 1L));
    }

    @Test
    void theAppMinuteLimitCountsEveryTenant() {
        start(RateLimitPolicy.xeroDefaults().withAppCallsPerMinute(4));
        assertThat(call().statusCode()).isEqualTo(200);
        assertThat(call().statusCode()).isEqualTo(200);
        assertThat(client.api(access, NORTHWIND_TENANT, "/Currencies").statusCode()).isEqualTo(200);
        HttpResponse<String> last = client.api(access, NORTHWIND_TENANT, "/Currencies");
        assertThat(last.headers().firstValue("X-AppMinLimit-Remaining")).hasValue("0");
        HttpResponse<String> refused = client.api(access, NORTHWIND_TENANT, "/Currencies");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-Rate-Limit-Problem")).hasValue("appminute");
    }

    @Test
    void injectedRateLimitsServerErrorsAndSlowPagesComeInOrder() {
        start(RateLimitPolicy.xeroDefaults());
        xero.faults().tooManyRequests(2, "minute", Duration.ofSeconds(7)).serverErrors(2, 503)
                .slow(1, Duration.ofMillis(300));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = call();
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(limited.headers().firstValue("X-Rate-Limit-Problem")).hasValue("minute");
        }
        assertThat(call().statusCode()).isEqualTo(503);
        assertThat(call().body()).isEqualTo("The Xero API is temporarily unavailable");
        long started = System.nanoTime();
        assertThat(call().statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(xero.faults().pending()).isZero();
        assertThat(call().statusCode()).isEqualTo(200);

        EmulatorStats stats = xero.stats();
        assertThat(stats.injectedFaults()).isEqualTo(5);
        assertThat(stats.tooManyRequestsSent()).isEqualTo(2);
        assertThat(stats.apiCallsByEndpoint()).containsEntry("GET /Currencies", 6L);
        assertThat(stats.apiCalls(DEMO_TENANT)).isEqualTo(6);
        assertThat(stats.apiAnswersByStatus()).isEqualTo(Map.of(200, 2L, 429, 2L, 503, 2L));
        assertThat(stats.tokenRequests()).isEqualTo(Map.of("authorization_code", 1L));
    }
}
