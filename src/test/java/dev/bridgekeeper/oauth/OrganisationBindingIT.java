package dev.bridgekeeper.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.Tenant;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A connection is bound to the organisation it was first linked to, on the sandbox platforms as on real ones:
 * a Linked connection's linkUrl, opened by anyone, cannot re-authorise it to another organisation (production
 * hardening finding 1: sandbox user_good then user_slow replaced the tokens and connectionInfo, with no event and
 * no audit), and one organisation cannot be linked twice to one company.
 */
@ApiIntegrationTest
class OrganisationBindingIT {

    private static final String NO_SYNC_ON_LINK = "{\"settings\":[{\"dataType\":\"banking-accounts\","
            + "\"fetchOnFirstLink\":false,\"syncSchedule\":0,\"syncOrder\":0}],\"overridesDefaults\":true}";

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void tenant() {
        api = Tenant.create(jdbc, port, "Binding " + UUID.randomUUID().toString().substring(0, 8)).api();
    }

    @Test
    void aLinkedConnectionsLinkUrlCannotReauthoriseItToAnotherOrganisation() {
        String company = company();
        JsonNode connection = connection(company, "sbac");
        String path = "/companies/" + company + "/connections/" + connection.path("id").asString();
        String linkUrl = connection.path("linkUrl").asString();
        HttpResponse<String> first = SandboxJourney.linkAs(new Browser(), linkUrl, publicUrl, "user_good", true);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode linked = api.get(path).json();
        assertThat(linked.path("connectionInfo").path("organisationName").asString())
                .isEqualTo("Good Books Ltd (Sandbox Accounting)");
        String sealed = sealedToken(connection.path("id").asString());

        HttpResponse<String> other = SandboxJourney.linkAs(new Browser(), linkUrl, publicUrl, "user_slow", true);

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("different organisation").contains("Good Books Ltd")
                .contains("Slow Coach Supplies Ltd");
        JsonNode after = api.get(path).json();
        assertThat(after.path("status").asString()).isEqualTo("Linked");
        assertThat(after.path("connectionInfo")).isEqualTo(linked.path("connectionInfo"));
        assertThat(sealedToken(connection.path("id").asString())).isEqualTo(sealed);
        assertThat(after.path("dataConnectionErrors").toString()).contains("409").contains("Create a new connection");
        assertThat(api.get("/companies/" + company + "/consents/audit").json().toString())
                .contains("connection.reauthorisation.refused");

        // the same organisation again is an ordinary re-authorisation: new tokens
        HttpResponse<String> same = SandboxJourney.linkAs(new Browser(), linkUrl, publicUrl, "user_good", true);
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(sealedToken(connection.path("id").asString())).isNotEqualTo(sealed);
    }

    @Test
    void oneOrganisationIsLinkedOncePerCompany() {
        String company = company();
        JsonNode first = connection(company, "sbbk");
        JsonNode second = connection(company, "sbbk");
        assertThat(SandboxJourney.linkAs(new Browser(), first.path("linkUrl").asString(), publicUrl, "user_good",
                true).statusCode()).isEqualTo(200);

        HttpResponse<String> again = SandboxJourney.linkAs(new Browser(), second.path("linkUrl").asString(), publicUrl,
                "user_good", true);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already connected");
        JsonNode refused = api.get("/companies/" + company + "/connections/" + second.path("id").asString()).json();
        assertThat(refused.path("status").asString()).isEqualTo("PendingAuth");
        assertThat(refused.path("dataConnectionErrors").toString()).contains("already linked to this company")
                .contains(first.path("id").asString());
        assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?", Integer.class,
                UUID.fromString(second.path("id").asString()))).isZero();
        // another organisation on the second connection is fine
        assertThat(SandboxJourney.linkAs(new Browser(), second.path("linkUrl").asString(), publicUrl, "user_slow",
                true).statusCode()).isEqualTo(200);
    }

    private String company() {
        String company = api.post("/companies", "{\"name\":\"Bound Ltd\"}").json().path("id").asString();
        assertThat(api.post("/companies/" + company + "/syncSettings", NO_SYNC_ON_LINK).status()).isEqualTo(204);
        return company;
    }

    private JsonNode connection(String company, String platformKey) {
        Api.Response created = api.post("/companies/" + company + "/connections", "{\"platformKey\":\""
                + platformKey + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    private String sealedToken(String connectionId) {
        return jdbc.queryForObject("select access_token_sealed from connection_token where connection_id = ?",
                String.class, UUID.fromString(connectionId));
    }
}
