package dev.bridgekeeper.connector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.GrantContext;
import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The shared-reads memo in front of a connection's platform HTTP, against a real platform on loopback that counts
 * the calls it answers: one call for askers of the same page (a concurrent one waits for the call in flight, a later
 * one takes the kept answer), none shared across connections, headers or without opting in; a failed answer is not
 * kept; answers expire after the TTL (the memo's own clock) and the oldest go when the byte bound is reached.
 */
class SharedReadsTest {

    private static final Duration TTL = Duration.ofMinutes(3);

    private HttpServer platform;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Counted down when a call to /held arrives; the call is answered once {@link #release} is. */
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    /** The answers /flaky gives, in turn: 404 first, then 200. */
    private final AtomicInteger flaky = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private static final Instant START = Instant.parse("2026-12-02T05:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final ConnectorProperties properties = new ConnectorProperties(new ConnectorProperties.Http(
            Duration.ofSeconds(2), Duration.ofSeconds(10), DataSize.ofMegabytes(1)), null, null);
    private final HttpTransport transport = new HttpTransport(properties);
    private SharedReads memo = memo(DataSize.ofMegabytes(1).toBytes());

    @BeforeEach
    void start() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.setExecutor(Executors.newCachedThreadPool());
        platform.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int call = calls.computeIfAbsent(exchange.getRequestURI().toString(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (path.equals("/held")) {
                arrived.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = path.equals("/flaky") && flaky.getAndIncrement() == 0 ? 404 : 200;
            String tenant = exchange.getRequestHeaders().getFirst("xero-tenant-id");
            answer(exchange, status, exchange.getRequestURI() + " call " + call + " tenant " + tenant
                    + " " + "x".repeat(path.startsWith("/big") ? 100 : 0));
        });
        platform.start();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        platform.stop(0);
    }

    @Test
    void aConcurrentAskerWaitsForTheCallInFlightAndALaterOneTakesTheKeptAnswer() throws Exception {
        ConnectionId connection = ConnectionId.of(UUID.randomUUID());
        PlatformHttp first = http(connection).sharingAnswers();
        PlatformHttp second = http(connection).sharingAnswers(); // another pull of the same connection

        PlatformHttp.Pending leading = first.start(get("/held?page=1"));
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the first call reached the platform").isTrue();
        PlatformHttp.Pending waiting = second.start(get("/held?page=1"));
        Future<PlatformResponse> waited = threads.submit(waiting::await);
        Future<PlatformResponse> led = threads.submit(leading::await);
        release.countDown();

        assertThat(led.get(10, TimeUnit.SECONDS).text()).startsWith("/held?page=1 call 1 tenant org-1");
        assertThat(waited.get(10, TimeUnit.SECONDS).text()).startsWith("/held?page=1 call 1 ");
        PlatformResponse later = http(connection).sharingAnswers().get(uri("/held?page=1"), headers(null));
        assertThat(later.text()).startsWith("/held?page=1 call 1 ");
        assertThat(calls.get("/held?page=1")).hasValue(1);
    }

    @Test
    void aReadRequestedAfterAnAnswerWasAskedForCallsAgainAndItsAnswerIsSharedFromThen() {
        ConnectionId connection = ConnectionId.of(UUID.randomUUID());
        read(http(connection).sharingAnswers(), "/list?page=1", null);
        clock.advance(Duration.ofSeconds(30)); // well within the TTL

        // the pulls of one sync, requested before that answer's call began, take it
        assertThat(read(http(connection, START).sharingAnswers(), "/list?page=1", null)).contains("call 1 ");
        // a sync requested after it (the customer changed something and the lender asked again) does not
        Instant later = START.plusSeconds(10);
        assertThat(read(http(connection, later).sharingAnswers(), "/list?page=1", null)).contains("call 2 ");
        // and the new answer replaces the old one for everyone
        assertThat(read(http(connection, START).sharingAnswers(), "/list?page=1", null)).contains("call 2 ");
        assertThat(read(http(connection, later).sharingAnswers(), "/list?page=1", null)).contains("call 2 ");
        assertThat(calls.get("/list?page=1")).hasValue(2);
    }

    @Test
    void answersAreSharedOnlyWithinOneConnectionForTheSameRequestAndOnlyWhenAsked() {
        ConnectionId connection = ConnectionId.of(UUID.randomUUID());
        read(http(connection).sharingAnswers(), "/list?page=1", null);
        read(http(connection).sharingAnswers(), "/list?page=1", null);
        assertThat(calls.get("/list?page=1")).as("same connection, same request").hasValue(1);

        read(http(ConnectionId.of(UUID.randomUUID())).sharingAnswers(), "/list?page=1", null);
        assertThat(calls.get("/list?page=1")).as("another connection").hasValue(2);
        read(http(connection).sharingAnswers(), "/list?page=1", "Tue, 01 Dec 2026 10:00:00 GMT");
        assertThat(calls.get("/list?page=1")).as("another If-Modified-Since").hasValue(3);
        read(http(connection).sharingAnswers(), "/list?page=2", null);
        assertThat(calls.get("/list?page=2")).as("another page").hasValue(1);
        read(http(connection), "/list?page=1", null);
        assertThat(calls.get("/list?page=1")).as("a read that did not opt in").hasValue(4);
        PlatformHttp unbound = new BoundHttp(new HttpBinding(integration(), "app", "org-1", null, true), transport,
                new RateGate(null, properties), RateGate.Meter.NONE, new Adapter(), memo).sharingAnswers();
        read(unbound, "/list?page=1", null);
        assertThat(calls.get("/list?page=1")).as("calls made for no connection").hasValue(5);
    }

    @Test
    void aFailedAnswerIsNotKeptAndWhoeverWaitedForItCallsItself() throws Exception {
        ConnectionId connection = ConnectionId.of(UUID.randomUUID());
        PlatformHttp.Pending leading = http(connection).sharingAnswers().start(get("/flaky"));
        PlatformHttp.Pending waiting = http(connection).sharingAnswers().start(get("/flaky"));
        Future<PlatformResponse> waited = threads.submit(waiting::await);

        assertThat(leading.await().status()).isEqualTo(404);
        PlatformResponse own = waited.get(10, TimeUnit.SECONDS);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text()).startsWith("/flaky call 2 ");
        assertThat(http(connection).sharingAnswers().get(uri("/flaky"), headers(null)).text())
                .as("the 200 is kept").startsWith("/flaky call 2 ");
        assertThat(calls.get("/flaky")).hasValue(2);
    }

    @Test
    void keptAnswersExpireAfterTheTtl() {
        ConnectionId connection = ConnectionId.of(UUID.randomUUID());
        read(http(connection).sharingAnswers(), "/list?page=1", null);
        clock.advance(TTL.minusSeconds(1));
        read(http(connection).sharingAnswers(), "/list?page=1", null);
        assertThat(calls.get("/list?page=1")).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(read(http(connection).sharingAnswers(), "/list?page=1", null)).startsWith("/list?page=1 call 2 ");
        assertThat(calls.get("/list?page=1")).hasValue(2);
    }

    @Test
    void theOldestAnswersGoFirstWhenTheByteBoundIsReached() {
        ConnectionId connection = ConnectionId.of(UUID.randomUUID());
        read(http(connection).sharingAnswers(), "/big?page=0", null);
        long one = memo.keptBytes(); // body and headers of one answer
        long bound = one * 5 / 2; // two answers fit, three do not
        memo = memo(bound);
        for (String page : List.of("/big?page=1", "/big?page=2", "/big?page=3")) {
            read(http(connection).sharingAnswers(), page, null);
        }
        assertThat(memo.keptBytes()).isGreaterThan(one).isLessThanOrEqualTo(bound);
        read(http(connection).sharingAnswers(), "/big?page=3", null);
        assertThat(calls.get("/big?page=3")).as("the newest is kept").hasValue(1);
        read(http(connection).sharingAnswers(), "/big?page=1", null);
        assertThat(calls.get("/big?page=1")).as("the oldest went").hasValue(2);

        memo = memo(one - 1);
        read(http(connection).sharingAnswers(), "/big?page=9", null);
        read(http(connection).sharingAnswers(), "/big?page=9", null);
        assertThat(calls.get("/big?page=9")).as("an answer larger than the bound is not kept").hasValue(2);
        assertThat(memo.keptBytes()).isZero();
    }

    // ---- helpers ----

    private SharedReads memo(long maxBytes) {
        return new SharedReads(clock, TTL, maxBytes, Duration.ofSeconds(15));
    }

    /**
     * A pull's HTTP: bound to the connection and organisation org-1, no rate policy (the sandbox's case), requested
     * when the test began.
     */
    private PlatformHttp http(ConnectionId connection) {
        return http(connection, START);
    }

    private PlatformHttp http(ConnectionId connection, Instant requested) {
        return new BoundHttp(new HttpBinding(integration(), "app", "org-1", null, true, connection, requested),
                transport, new RateGate(null, properties), RateGate.Meter.NONE, new Adapter(), memo);
    }

    private String read(PlatformHttp http, String path, String ifModifiedSince) {
        PlatformResponse response = http.get(uri(path), headers(ifModifiedSince));
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    private static Map<String, String> headers(String ifModifiedSince) {
        return ifModifiedSince == null ? Map.of("Accept", "application/json", "xero-tenant-id", "org-1")
                : Map.of("Accept", "application/json", "xero-tenant-id", "org-1", "If-Modified-Since", ifModifiedSince);
    }

    private HttpRequest get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers(null).forEach(request::header);
        return request.build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + platform.getAddress().getPort() + path);
    }

    private static Integration integration() {
        return new Integration("test", "Test platform", null, null, null, false, false, true, null, "standard-model",
                null, Map.of(), null, Map.of());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static final class Adapter implements AuthorizationAdapter {
        @Override
        public List<Organisation> organisations(GrantContext grant) {
            return List.of();
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
