package dev.bridgekeeper.connector.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.ReadRequest;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standard-model reader against a real HTTP server on loopback: a platform that answers the first page of a
 * data type with 404 does not offer it (NotSupported, the pull's final status), a 404 after the first page is a
 * failure of the read, and each page is handed over with the cursor (page number) of the next.
 */
class StandardReaderTest {

    private HttpServer platform;
    private final List<String> requested = new ArrayList<>();
    private final StandardReader reader = new StandardReader(JsonMapper.builder().build(), 1);

    @BeforeEach
    void start() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.createContext("/api/data/", exchange -> {
            requested.add(exchange.getRequestURI().toString());
            String query = exchange.getRequestURI().getQuery();
            boolean known = exchange.getRequestURI().getPath().endsWith("/banking-accounts");
            byte[] body = known && query.contains("page=1&")
                    ? "{\"results\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"totalResults\":4}".getBytes(StandardCharsets.UTF_8)
                    : "{\"error\":\"not here\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known && query.contains("page=1&") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop(0);
    }

    @Test
    void aDataTypeThePlatformAnswers404ForOnItsFirstPageIsNotSupported() {
        List<String> pages = new ArrayList<>();
        assertThatThrownBy(() -> reader.read(context(), request("banking-transactions", null),
                (records, next, percent) -> pages.add("page before " + next)))
                .isInstanceOfSatisfying(ReadFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ReadFailure.Kind.NOT_SUPPORTED);
                    assertThat(failure.getMessage()).contains("does not offer banking-transactions");
                });
        assertThat(pages).isEmpty();
        assertThat(requested).hasSize(1).first().asString().startsWith("/api/data/banking-transactions?page=1&");
    }

    @Test
    void a404AfterTheFirstPageIsAFetchErrorNotAMissingDataType() {
        List<String> ids = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        assertThatThrownBy(() -> reader.read(context(), request("banking-accounts", null),
                (records, next, percent) -> {
                    records.forEach(r -> ids.add(r.id()));
                    cursors.add(next);
                }))
                .isInstanceOfSatisfying(ReadFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ReadFailure.Kind.FETCH_ERROR);
                    assertThat(failure.getMessage()).contains("404").contains("page 2");
                });
        assertThat(ids).containsExactly("a", "b");
        assertThat(cursors).as("the page after the one handed over").containsExactly("2");
    }

    @Test
    void aCursorResumesAtItsPage() {
        assertThatThrownBy(() -> reader.read(context(), request("banking-accounts", "2"), (r, n, p) -> {}))
                .isInstanceOf(ReadFailure.class);
        assertThat(requested).hasSize(1).first().asString().startsWith("/api/data/banking-accounts?page=2&");
    }

    private static ReadRequest request(String dataType, String cursor) {
        return new ReadRequest(dataType, null, null, null, cursor, 2);
    }

    private ReadContext context() {
        String base = "http://127.0.0.1:" + platform.getAddress().getPort() + "/api/data";
        Integration integration = new Integration("test", "Test platform", null, null, null, false, false, true,
                null, "standard-model", null, Map.of(), null, Map.of(Integration.API_BASE, base));
        IntegrationSettings settings = new IntegrationSettings("test", Map.of("apibase", base), Map.of(), Map.of());
        PlatformHttp http = new PlainHttp();
        return new ReadContext() {
            @Override
            public PlatformHttp http() {
                return http;
            }

            @Override
            public Organisation organisation() {
                return new Organisation("org", "Org", Map.of());
            }

            @Override
            public Integration integration() {
                return integration;
            }

            @Override
            public IntegrationSettings settings() {
                return settings;
            }
        };
    }

    /** The JDK client, nothing else: the reader's own behaviour is under test here, not the framework's HTTP. */
    private static final class PlainHttp implements PlatformHttp {

        private final HttpClient client = HttpClient.newHttpClient();

        @Override
        public Pending start(HttpRequest request) {
            CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Pending() {
                @Override
                public PlatformResponse await() {
                    HttpResponse<byte[]> response = future.join();
                    return new PlatformResponse(response.statusCode(), response.headers().map(), response.body());
                }

                @Override
                public void cancel() {
                    future.cancel(true);
                }
            };
        }
    }
}
