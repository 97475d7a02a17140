package dev.bridgekeeper.connector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.connector.PlatformResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed UTF-8 in a platform's body decodes with U+FFFD, one per maximal ill-formed subpart (the count browsers
 * use) but one for a whole encoded surrogate, so the JSON parses; well-formed bodies pass untouched, binary ones are
 * left alone.
 */
class WellFormedUtf8Test {

    private static final String R = "\uFFFD";

    /** {"name":"a<bytes>b"} */
    private static byte[] record(int... bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"name\":\"a".getBytes(StandardCharsets.US_ASCII));
        for (int b : bytes) {
            out.write(b);
        }
        out.writeBytes("b\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String name(byte[] body) {
        JsonNode node = JsonMapper.builder().build().readTree(WellFormedUtf8.repaired(body));
        return node.path("name").asString();
    }

    @Test
    void eachMalformedSequenceBecomesTheReplacementCharacter() {
        assertThat(name(record(0x80))).as("a stray continuation byte").isEqualTo("a" + R + "b");
        assertThat(name(record(0xBF, 0x80))).as("two stray continuation bytes").isEqualTo("a" + R + R + "b");
        assertThat(name(record(0xC0, 0xAF))).as("overlong '/'").isEqualTo("a" + R + R + "b");
        assertThat(name(record(0xE0, 0x80, 0xAF))).as("overlong 3-byte '/'").isEqualTo("a" + R + R + R + "b");
        assertThat(name(record(0xF0, 0x80, 0x80, 0xAF))).as("overlong 4-byte").isEqualTo("a" + R + R + R + R + "b");
        assertThat(name(record(0xE2, 0x82))).as("a truncated euro sign").isEqualTo("a" + R + "b");
        assertThat(name(record(0xF0, 0x9F, 0x98))).as("a truncated emoji").isEqualTo("a" + R + "b");
        // one for the whole encoded surrogate (where browsers write three), as the cache's UnstorableCharacters does
        assertThat(name(record(0xED, 0xA0, 0x80))).as("an encoded surrogate").isEqualTo("a" + R + "b");
        assertThat(name(record(0xF4, 0x90, 0x80, 0x80))).as("beyond U+10FFFF").isEqualTo("a" + R + R + R + R + "b");
        assertThat(name(record(0xFF))).as("a byte that never occurs").isEqualTo("a" + R + "b");
        assertThat(name(record(0xC3))).as("a lead byte before the closing quote").isEqualTo("a" + R + "b");
    }

    @Test
    void wellFormedTextIsTheSameArray() {
        byte[] body = "{\"name\":\"Café € 😀 \\u0000\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WellFormedUtf8.wellFormed(body)).isTrue();
        assertThat(WellFormedUtf8.repaired(body)).isSameAs(body);
        assertThat(WellFormedUtf8.wellFormed(record(0xEF, 0xBF, 0xBD))).as("U+FFFD itself").isTrue();
        assertThat(WellFormedUtf8.wellFormed(record(0xF4, 0x8F, 0xBF, 0xBF))).as("U+10FFFF").isTrue();
    }

    @Test
    void onlyTextBodiesInUtf8AreRepaired() {
        assertThat(WellFormedUtf8.appliesTo(Map.of("content-type", List.of("application/json")))).isTrue();
        assertThat(WellFormedUtf8.appliesTo(Map.of("content-type", List.of("application/json; charset=UTF-8"))))
                .isTrue();
        assertThat(WellFormedUtf8.appliesTo(Map.of("content-type", List.of("application/problem+json")))).isTrue();
        assertThat(WellFormedUtf8.appliesTo(Map.of("content-type", List.of("text/xml")))).isTrue();
        assertThat(WellFormedUtf8.appliesTo(Map.of())).as("untyped").isTrue();
        assertThat(WellFormedUtf8.appliesTo(Map.of("content-type", List.of("application/pdf")))).isFalse();
        assertThat(WellFormedUtf8.appliesTo(Map.of("content-type", List.of("text/csv; charset=ISO-8859-1"))))
                .isFalse();
    }

    @Test
    void aPlatformBodyArrivesRepairedThroughTheTransport() throws IOException {
        HttpServer platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] malformed = record(0xC0, 0xAF, 0x80, 0xE2, 0x82);
        byte[] pdf = {0x25, 0x50, 0x44, 0x46, (byte) 0xC0, (byte) 0x80};
        platform.createContext("/json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, malformed.length);
            exchange.getResponseBody().write(malformed);
            exchange.close();
        });
        platform.createContext("/pdf", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, pdf.length);
            exchange.getResponseBody().write(pdf);
            exchange.close();
        });
        platform.start();
        try {
            HttpTransport transport = new HttpTransport(new ConnectorProperties(new ConnectorProperties.Http(
                    Duration.ofSeconds(5), Duration.ofSeconds(5), DataSize.ofKilobytes(64)), null, null));
            String base = "http://127.0.0.1:" + platform.getAddress().getPort();
            PlatformResponse json = transport.send(HttpRequest.newBuilder(URI.create(base + "/json")).build());
            assertThat(json.text()).isEqualTo("{\"name\":\"a" + R + R + R + R + "b\"}");
            PlatformResponse file = transport.send(HttpRequest.newBuilder(URI.create(base + "/pdf")).build());
            assertThat(file.body()).as("a binary body is the platform's bytes").isEqualTo(pdf);
        } finally {
            platform.stop(0);
        }
    }
}
