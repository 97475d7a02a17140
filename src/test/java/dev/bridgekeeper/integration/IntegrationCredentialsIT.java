package dev.bridgekeeper.integration;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * App credentials: an integration this deployment has no credentials for (Xero, gbol, in the test configuration)
 * is listed {@code enabled: false} and cannot be linked, with a 400 naming the setting; a client's own credentials
 * ({@code PUT /integrations/{platformKey}/credentials}) enable it for that client only; the secret is stored sealed
 * and never returned.
 */
@ApiIntegrationTest
class IntegrationCredentialsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    Api otherClient;

    @BeforeEach
    void tenants() {
        api = Tenant.create(jdbc, port, "Creds " + UUID.randomUUID().toString().substring(0, 8)).api();
        otherClient = Tenant.create(jdbc, port, "Other " + UUID.randomUUID().toString().substring(0, 8)).api();
    }

    @Test
    void anIntegrationWithoutCredentialsIsDisabledUntilAClientSetsItsOwn() {
        assertThat(api.get("/integrations/gbol").json().path("enabled").asBoolean()).isFalse();
        assertThat(api.get("/integrations/sbac").json().path("enabled").asBoolean()).isTrue();
        String company = api.post("/companies", "{\"name\":\"Creds Ltd\"}").json().path("id").asString();
        JsonNode refused = assertError(api.post("/companies/" + company + "/connections",
                "{\"platformKey\":\"gbol\"}"), 400);
        assertThat(refused.toString()).contains("bridgekeeper.integrations.gbol.client-id")
                .contains("BRIDGEKEEPER_INTEGRATIONS_GBOL_CLIENTID").contains("PUT /integrations/gbol/credentials");

        assertError(api.put("/integrations/gbol/credentials", "{\"clientId\":\"my-xero-app\"}"), 400);
        Api.Response set = api.put("/integrations/gbol/credentials",
                "{\"clientId\":\"my-xero-app\",\"clientSecret\":\"top-secret-value\"}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.body()).doesNotContain("top-secret-value");
        JsonNode shown = api.get("/integrations/gbol/credentials").json();
        assertThat(shown.path("clientId").asString()).isEqualTo("my-xero-app");
        assertThat(shown.path("clientSecretSet").asBoolean()).isTrue();
        assertThat(shown.path("source").asString()).isEqualTo("client");
        assertThat(shown.path("enabled").asBoolean()).isTrue();
        assertThat(shown.toString()).doesNotContain("top-secret-value");
        assertThat(jdbc.queryForObject("select client_secret_sealed from integration_credentials where"
                + " app_client_id = 'my-xero-app'", String.class)).startsWith("v1.").doesNotContain("top-secret");

        assertThat(api.get("/integrations/gbol").json().path("enabled").asBoolean()).isTrue();
        assertThat(otherClient.get("/integrations/gbol").json().path("enabled").asBoolean())
                .as("another client still has none").isFalse();
        Api.Response created = api.post("/companies/" + company + "/connections", "{\"platformKey\":\"gbol\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);

        // a new client id alone keeps the stored secret
        assertThat(api.put("/integrations/gbol/credentials", "{\"clientId\":\"renamed-app\"}").status())
                .isEqualTo(200);
        assertThat(api.get("/integrations/gbol/credentials").json().path("clientSecretSet").asBoolean()).isTrue();

        assertThat(api.delete("/integrations/gbol/credentials").status()).isEqualTo(204);
        assertThat(api.get("/integrations/gbol").json().path("enabled").asBoolean()).isFalse();
        assertThat(api.get("/integrations/gbol/credentials").json().path("problem").asString())
                .contains("client-id");
        assertError(api.get("/integrations/zzzz/credentials"), 404);
    }

    @Test
    void theSandboxesUseTheirCatalogCredentials() {
        JsonNode sandbox = api.get("/integrations/sbbk/credentials").json();
        assertThat(sandbox.path("source").asString()).isEqualTo("catalog");
        assertThat(sandbox.path("clientId").asString()).isEqualTo("bridgekeeper");
        assertThat(sandbox.path("clientSecretSet").asBoolean()).isTrue();
    }
}
