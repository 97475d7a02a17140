package dev.bridgekeeper.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The success status the served OpenAPI document gives each write operation is the one the server answers with:
 * every operation documents exactly one 2xx, and the writes that do not answer 200 (201 Created, 202 Accepted,
 * 204 No Content) are called for real and must answer what their document says.
 */
@ApiIntegrationTest
class DocumentedStatusesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    JsonNode paths;
    Api api;

    @BeforeEach
    void setUp() {
        paths = Api.at(port).get("/openapi.json").json().path("paths");
        api = Tenant.create(jdbc, port, "Statuses " + UUID.randomUUID().toString().substring(0, 8)).api();
    }

    @Test
    void everyOperationDocumentsOneSuccessStatus() {
        List<String> wrong = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            List<String> successes = operation.getValue().path("responses").propertyNames().stream()
                    .filter(code -> code.startsWith("2")).toList();
            if (successes.size() != 1) {
                wrong.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + successes);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void writesAnswerTheStatusTheirDocumentGives() {
        String company = answers("POST", "/companies", api.post("/companies", "{\"name\":\"Documented statuses\"}"))
                .json().path("id").asString();
        String companyPath = "/companies/" + company;

        String key = answers("POST", "/apiKeys", api.post("/apiKeys", "{\"name\":\"second\"}")).json().path("id")
                .asString();
        answers("DELETE", "/apiKeys/{apiKeyId}", api.delete("/apiKeys/" + key));

        answers("PUT", "/companies/{companyId}/products/{productIdentifier}", api.put(companyPath + "/products/lending",
                null));
        answers("POST", "/companies/{companyId}/products/{productIdentifier}/refresh",
                api.post(companyPath + "/products/lending/refresh", null));
        answers("DELETE", "/companies/{companyId}/products/{productIdentifier}",
                api.delete(companyPath + "/products/lending"));

        answers("POST", "/companies/{companyId}/data/all", api.post(companyPath + "/data/all", null));
        answers("POST", "/companies/{companyId}/hostedLink/token", api.post(companyPath + "/hostedLink/token", null));

        JsonNode profileSettings = api.get("/profile/syncSettings").json();
        answers("POST", "/profile/syncSettings", api.post("/profile/syncSettings", profileSettings.toString()));
        JsonNode companySettings = api.get(companyPath + "/syncSettings").json();
        answers("POST", "/companies/{companyId}/syncSettings",
                api.post(companyPath + "/syncSettings", companySettings.toString()));

        String connection = answers("POST", "/companies/{companyId}/connections",
                api.post(companyPath + "/connections", "{\"platformKey\":\"sbbk\"}")).json().path("id").asString();
        answers("DELETE", "/companies/{companyId}/connections/{connectionId}",
                api.delete(companyPath + "/connections/" + connection));

        String webhook = answers("POST", "/webhooks", api.post("/webhooks",
                "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[\"company.created\"]}")).json().path("id")
                .asString();
        answers("POST", "/webhooks/{webhookId}/replay",
                api.post("/webhooks/" + webhook + "/replay", "{\"since\":\"2024-01-01T00:00:00Z\"}"));
        answers("DELETE", "/webhooks/{webhookId}", api.delete("/webhooks/" + webhook));

        answers("DELETE", "/companies/{companyId}", api.delete(companyPath));
    }

    /** Asserts the answer's status is the one 2xx the document gives the operation, and passes the answer on. */
    private Api.Response answers(String method, String path, Api.Response response) {
        JsonNode operation = paths.path(path).path(method.toLowerCase());
        assertThat(operation.isMissingNode()).as(method + " " + path + " is in the document").isFalse();
        List<String> documented = operation.path("responses").propertyNames().stream()
                .filter(code -> code.startsWith("2")).toList();
        assertThat(documented).as(method + " " + path + " documents one success").hasSize(1);
        assertThat(String.valueOf(response.status())).as(method + " " + path + ": " + response)
                .isEqualTo(documented.get(0));
        return response;
    }
}
