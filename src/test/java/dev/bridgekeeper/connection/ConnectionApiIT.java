package dev.bridgekeeper.connection;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
@RecordApplicationEvents
class ConnectionApiIT {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionManagement connections;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    Api api;
    UUID clientId;
    String companyId;

    @BeforeEach
    void setUp() {
        api = Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
        clientId = jdbc.queryForObject("select client_id from api_key order by created_utc limit 1", UUID.class);
        companyId = api.post("/companies", "{\"name\":\"Connections Co\"}").json().path("id").asString();
    }

    @Test
    void createsAPendingConnectionWithItsLinkUrl() {
        Api.Response created = api.post(path(""), "{\"platformKey\":\"sbbk\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode connection = created.json();
        String id = connection.path("id").asString();
        assertThat(connection.path("status").asString()).isEqualTo("PendingAuth");
        assertThat(connection.path("integrationKey").asString()).isEqualTo("sbbk");
        assertThat(connection.path("platformName").asString()).isEqualTo("Sandbox Banking");
        assertThat(connection.path("sourceType").asString()).isEqualTo("Banking");
        assertThat(connection.path("linkUrl").asString())
                .isEqualTo("http://localhost:" + port + "/companies/" + companyId + "/connections/" + id + "/start");
        assertThat(connection.path("dataConnectionErrors").size()).isZero();

        assertThat(api.get(path("/" + id)).json()).isEqualTo(connection);
        JsonNode list = api.get(path("?query=sourceType%3DBanking")).json();
        assertThat(list.path("totalResults").asInt()).isEqualTo(1);
        assertThat(list.path("results").get(0)).isEqualTo(connection);
        assertThat(api.get("/companies/" + companyId).json().path("dataConnections").get(0)).isEqualTo(connection);
        assertThat(events.stream(ConnectionCreated.class)).isEmpty(); // published on the server's thread, not ours
    }

    @Test
    void bankingAndCommerceMayRepeatButAccountingMayNot() {
        assertThat(api.post(path(""), "{\"platformKey\":\"sbbk\"}").status()).isEqualTo(200);
        assertThat(api.post(path(""), "{\"platformKey\":\"sbbk\"}").status()).isEqualTo(200);
        assertThat(api.post(path(""), "{\"platformKey\":\"sbcm\"}").status()).isEqualTo(200);
        assertThat(api.post(path(""), "{\"platformKey\":\"sbac\"}").status()).isEqualTo(200);
        assertError(api.post(path(""), "{\"platformKey\":\"sbac\"}"), 409);
        assertThat(api.get(path("")).json().path("totalResults").asInt()).isEqualTo(4);
    }

    @Test
    void movesThroughItsLifecycleAndPublishesEachChange() {
        ClientId client = ClientId.of(clientId);
        CompanyId company = CompanyId.of(companyId);
        DataConnection created = connections.create(client, company, "sbac");
        ConnectionId id = created.id();
        assertThat(created.companyId()).isEqualTo(company);
        assertError(api.patch(path("/" + id), "{\"status\":\"Unlinked\"}"), 409);

        DataConnection failed = connections.recordFailure(client, company, id, "403", "Forbidden", "User cancelled.");
        assertThat(failed.status()).isEqualTo(ConnectionStatus.PendingAuth);
        assertThat(failed.errors()).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("Active"));

        DataConnection linked = connections.markLinked(client, company, id, Map.of("organisation", "Demo Org"));
        assertThat(linked.status()).isEqualTo(ConnectionStatus.Linked);
        assertThat(linked.connectionInfo()).isEqualTo(Map.of("organisation", "Demo Org"));
        assertThat(linked.errors()).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("Resolved"));
        assertThat(connections.linked(client, company)).extracting(DataConnection::id).containsExactly(id);

        JsonNode unlinked = api.patch(path("/" + id), "{\"status\":\"Unlinked\"}").json();
        assertThat(unlinked.path("status").asString()).isEqualTo("Unlinked");
        assertThat(connections.markLinked(client, company, id, Map.of()).status()).isEqualTo(ConnectionStatus.Linked);
        DataConnection deauthorized = connections.markDeauthorized(client, company, id, "invalid_grant");
        assertThat(deauthorized.status()).isEqualTo(ConnectionStatus.Deauthorized);
        assertThat(deauthorized.errors().get(1)).satisfies(e -> {
            assertThat(e.statusCode()).isEqualTo("401");
            assertThat(e.status()).isEqualTo("Active");
        });
        assertThat(connections.linked(client, company)).isEmpty();
        assertThat(connections.markLinked(client, company, id, Map.of()).id()).isEqualTo(id);

        assertThat(api.delete(path("/" + id)).status()).isEqualTo(200);
        assertError(api.get(path("/" + id)), 404);

        assertThat(events.stream(ConnectionCreated.class)).hasSize(1).allSatisfy(e -> {
            assertThat(e.clientId()).isEqualTo(client);
            assertThat(e.company().id()).isEqualTo(company);
            assertThat(e.company().name()).isEqualTo("Connections Co");
            assertThat(e.connection().id()).isEqualTo(id);
        });
        assertThat(events.stream(ConnectionFailed.class)).hasSize(1);
        assertThat(events.stream(ConnectionConnected.class)).hasSize(1);
        assertThat(events.stream(ConnectionReconnected.class).map(e -> e.connection().status()))
                .containsExactly(ConnectionStatus.Linked, ConnectionStatus.Linked);
        assertThat(events.stream(ConnectionDisconnected.class)).hasSize(1); // the API's unlink ran on another thread
        assertThat(events.stream(ConnectionDisconnected.class).map(e -> e.connection().status()).toList())
                .isEqualTo(List.of(ConnectionStatus.Deauthorized));
        assertThat(events.stream(ConnectionDeleted.class)).isEmpty();
    }

    @Test
    void authorizationPropertiesAreStoredSealedAndNeverEchoed() {
        String id = api.post(path(""), "{\"platformKey\":\"sbcm\"}").json().path("id").asString();
        String secret = "very-secret-" + UUID.randomUUID();

        Api.Response answer = api.put(path("/" + id + "/authorization"), "{\"apiKey\":\"" + secret + "\"}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(secret);
        String stored = jdbc.queryForObject("select authorization_sealed from connection where id = ?::uuid",
                String.class, id);
        assertThat(stored).startsWith("v1.dev.").doesNotContain(secret);
        Integer plaintextRows = jdbc.queryForObject(
                "select count(*) from connection where id = ?::uuid and (authorization_sealed like ? or"
                        + " connection::text like ?)", Integer.class, id, "%" + secret + "%", "%" + secret + "%");
        assertThat(plaintextRows).isZero();
    }

    @Test
    void deletingTheCompanyRemovesItsConnections() {
        String id = api.post(path(""), "{\"platformKey\":\"sbbk\"}").json().path("id").asString();
        assertThat(api.delete("/companies/" + companyId).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from connection where id = ?::uuid", Integer.class, id))
                .isZero();
    }

    private String path(String rest) {
        return "/companies/" + companyId + "/connections" + rest;
    }
}
