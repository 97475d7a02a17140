package dev.bridgekeeper.connector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Every platform call has a whole-response deadline and a body size cap: a platform that answers its headers at
 * once and then trickles the body (which the JDK client's request timeout does not bound) is cut off at the
 * deadline, and a body over the cap is refused by its Content-Length or while it arrives. Real HTTP on loopback.
 */
class HttpTransportTest {

    private HttpServer platform;
    private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
    private final HttpTransport transport = new HttpTransport(new ConnectorProperties(
            new ConnectorProperties.Http(Duration.ofSeconds(2), Duration.ofSeconds(1), DataSize.ofBytes(1024)), null, null));

    @BeforeEach
    void start() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.setExecutor(Executors.newCachedThreadPool());
        platform.createContext("/trickle", exchange -> {
            // 50 bytes promised, one every 200 ms: the headers are there at once, the body takes ten seconds
            exchange.sendResponseHeaders(200, 50);
            OutputStream body = exchange.getResponseBody();
            AtomicInteger sent = new AtomicInteger();
            trickle.scheduleAtFixedRate(() -> {
                try {
                    body.write('x');
                    body.flush();
                    if (sent.incrementAndGet() == 50) {
                        exchange.close();
                        throw new IllegalStateException("done"); // ends the schedule
                    }
                } catch (IOException e) {
                    exchange.close();
                    throw new IllegalStateException(e); // the client went away: ends the schedule
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
        });
        platform.createContext("/declared", exchange -> answer(exchange, 4096, 4096));
        platform.createContext("/chunked", exchange -> answer(exchange, 0, 4096));
        platform.createContext("/small", exchange -> answer(exchange, 100, 100));
        platform.start();
    }

    @AfterEach
    void stop() {
        trickle.shutdownNow();
        platform.stop(0);
    }

    @Test
    void aTricklingBodyIsCutOffAtTheDeadline() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> transport.send(get("/trickle")))
                .isInstanceOfSatisfying(ReadFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ReadFailure.Kind.FETCH_ERROR);
                    assertThat(failure.getMessage()).contains("did not answer").contains("completely within 1 s")
                            .contains("bridgekeeper.connectors.http.response-timeout");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aBodyOverTheCapIsRefusedByItsLengthOrWhileItArrives() {
        for (String path : new String[] {"/declared", "/chunked"}) {
            assertThatThrownBy(() -> transport.send(get(path))).as(path)
                    .isInstanceOfSatisfying(ReadFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(ReadFailure.Kind.FETCH_ERROR);
                        assertThat(failure.getMessage()).contains("larger than 1024 bytes")
                                .contains("bridgekeeper.connectors.http.max-body-size");
                    });
        }
        PlatformResponse small = transport.send(get("/small"));
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.body()).hasSize(100);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.getAddress().getPort() + path))
                .GET().build();
    }

    private static void answer(HttpExchange exchange, long declared, int size) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(200, declared);
            exchange.getResponseBody().write(new byte[size]);
        } catch (IOException e) {
            // the client stopped reading: that is the point
        }
    }
}
