package dev.bridgekeeper.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed docs/openapi.json is the served document. When the API changes, this fails and
 * leaves the new document at target/openapi.json: review it and copy it over docs/openapi.json.
 */
@ApiIntegrationTest
class OpenApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void committedDocumentMatchesTheServedOne() throws Exception {
        Api.Response served = Api.at(port).get("/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        // the server entry is this test server's random port; the committed document shows the default public URL
        tools.jackson.databind.node.ObjectNode document = (tools.jackson.databind.node.ObjectNode) served.json();
        document.set("servers", json.readTree("[{\"url\":\"http://localhost:8080\"}]"));
        Files.writeString(Path.of("target/openapi.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");

        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("paths").has("/companies")).isTrue();
        Path committed = Path.of("docs/openapi.json");
        assertThat(committed).as("docs/openapi.json is missing; copy target/openapi.json there").exists();
        assertThat(json.readTree(Files.readString(committed)))
                .as("docs/openapi.json differs from the served document; review target/openapi.json and copy it"
                        + " over docs/openapi.json")
                .isEqualTo(document);
    }
}
