package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The paged reader against a real HTTP server on loopback: a platform that answers the first page of a data type
 * with 404 does not offer it (NotSupported, the pull's final status), while a 404 after the first page is a
 * failure of the read, not a missing data type.
 */
class PagedApiReaderTest {

    private HttpServer platform;
    private final List<String> requested = new ArrayList<>();
    private PagedApiReader reader;

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
        reader = new PagedApiReader(new SyncProperties(null, null, 1, null, null, null, null, null, null, null,
                1), JsonMapper.builder().build());
    }

    @AfterEach
    void stop() {
        platform.stop(0);
    }

    @Test
    void aDataTypeThePlatformAnswers404ForOnItsFirstPageIsNotSupported() {
        List<String> pages = new ArrayList<>();
        assertThatThrownBy(() -> reader.read(integration(), request("banking-transactions"), () -> "token",
                (records, page, total) -> pages.add("page " + page)))
                .isInstanceOfSatisfying(ReadFailure.class, failure -> {
                    assertThat(failure.status()).isEqualTo(PullOperationStatus.NotSupported);
                    assertThat(failure.getMessage()).contains("does not offer banking-transactions");
                });
        assertThat(pages).isEmpty();
        assertThat(requested).hasSize(1).first().asString().startsWith("/api/data/banking-transactions?page=1&");
    }

    @Test
    void a404AfterTheFirstPageIsAFetchErrorNotAMissingDataType() {
        List<String> ids = new ArrayList<>();
        assertThatThrownBy(() -> reader.read(integration(), request("banking-accounts"), () -> "token",
                (records, page, total) -> records.forEach(r -> ids.add(r.id()))))
                .isInstanceOfSatisfying(ReadFailure.class, failure -> {
                    assertThat(failure.status()).isEqualTo(PullOperationStatus.FetchError);
                    assertThat(failure.getMessage()).contains("404").contains("page 2");
                });
        assertThat(ids).containsExactly("a", "b");
    }

    private static PlatformReader.ReadRequest request(String dataType) {
        return new PlatformReader.ReadRequest(dataType, null, null, 1, 2);
    }

    private Integration integration() {
        return new Integration("test", "Test platform", null, UUID.randomUUID(), UUID.randomUUID(), false, false,
                true, null, null, Map.of(), null,
                "http://127.0.0.1:" + platform.getAddress().getPort() + "/api/data");
    }
}
