package dev.bridgekeeper.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.company.CompanyConnections;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.Connection;
import dev.bridgekeeper.connection.ConnectionConnected;
import dev.bridgekeeper.connection.ConnectionCreated;
import dev.bridgekeeper.connection.ConnectionDisconnected;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionReconnected;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.support.ModuleSlice;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.test.context.ActiveProfiles;

/**
 * The connection module with the modules it depends on (company, integration) and the shared kernel, against
 * the embedded PostgreSQL; no OAuth, sync or webhook module is here. The company row is written as an operator
 * would: the company module's own writes are not this module's front door.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@Import(ModuleSlice.class)
@ActiveProfiles("test")
class ConnectionModuleIT {

    @Autowired
    ConnectionManagement connections;

    @Autowired
    ConnectionService service;

    @Autowired
    CompanyConnections companyConnections;

    @Autowired
    JdbcTemplate jdbc;

    ClientId client;
    CompanyId company;

    @BeforeEach
    void company() {
        client = ClientId.random();
        company = CompanyId.random();
        jdbc.update("insert into client (id, name) values (?, ?)", client.value(), "Connection slice " + client);
        jdbc.update("insert into company (id, client_id, name, description, tags, products, created_utc)"
                + " values (?, ?, 'Slice Ltd', 'Sells slices', '{\"segment\": \"sme\"}', '{}', now())",
                company.value(), client.value());
    }

    @Test
    void everyConnectionOfACompanyIsReadWhateverTheApiPageSize() {
        int many = PageRequest.MAX_PAGE_SIZE + 5;
        List<Object[]> rows = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < many; i++) {
            rows.add(new Object[] {UUID.randomUUID(), client.value(), company.value(), "sbbk", "Banking",
                    i % 3 == 0 ? "Linked" : "PendingAuth", Timestamp.from(start.plusSeconds(i))});
        }
        jdbc.batchUpdate("insert into connection (id, client_id, company_id, platform_key, source_type, status,"
                + " created_utc) values (?, ?, ?, ?, ?, ?, ?)", rows);

        List<DataConnection> all = connections.all(client, company);
        assertThat(all).hasSize(many);
        assertThat(all).extracting(DataConnection::created).isSorted();
        assertThat(connections.linked(client, company)).hasSize((many + 2) / 3)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(ConnectionStatus.Linked));
        // the API's list stops at a page; the front door's reads do not
        assertThat(service.list(client, company, PageRequest.of(1, PageRequest.MAX_PAGE_SIZE), null, null).items())
                .hasSize(PageRequest.MAX_PAGE_SIZE);
        assertThat(companyConnections.connectionsOf(client, List.of(company)).get(company)).hasSize(many);
    }

    @Test
    void eachStatusChangePublishesItsEventWithTheCompanyItBelongsTo(PublishedEvents events) {
        DataConnection created = connections.create(client, company, "sbac");
        assertThat(created.status()).isEqualTo(ConnectionStatus.PendingAuth);
        assertThat(created.platformName()).isEqualTo("Sandbox Accounting");
        assertThat(created.linkUrl()).endsWith("/companies/" + company + "/connections/" + created.id() + "/start");
        ConnectionId id = created.id();

        connections.markLinked(client, company, id, Map.of("organisationName", "Slice Books"));
        connections.unlink(client, company, id, ConnectionStatus.Unlinked);
        connections.markLinked(client, company, id, Map.of("organisationName", "Slice Books"));

        CompanyReference expected = new CompanyReference(company, "Slice Ltd", "Sells slices",
                Map.of("segment", "sme"));
        assertThat(events.ofType(ConnectionCreated.class).matching(e -> e.connection().id().equals(id)))
                .singleElement().satisfies(e -> assertThat(e.company()).isEqualTo(expected));
        assertThat(events.ofType(ConnectionConnected.class).matching(e -> e.connection().id().equals(id)))
                .singleElement().satisfies(e -> {
                    assertThat(e.company()).isEqualTo(expected);
                    assertThat(e.connection().connectionInfo()).containsEntry("organisationName", "Slice Books");
                });
        assertThat(events.ofType(ConnectionDisconnected.class).matching(e -> e.connection().id().equals(id)))
                .singleElement()
                .satisfies(e -> assertThat(e.connection().status()).isEqualTo(ConnectionStatus.Unlinked));
        assertThat(events.ofType(ConnectionReconnected.class).matching(e -> e.connection().id().equals(id)))
                .hasSize(1);
        assertThat(connections.firstLinked(client, company)).containsOnlyKeys(id);

        Connection wire = Connection.of(connections.get(client, company, id));
        assertThat(wire.id()).isEqualTo(id.toString());
        assertThat(wire.integrationKey()).isEqualTo("sbac");
        assertThat(wire.status()).isEqualTo(ConnectionStatus.Linked);
    }

    @Test
    void anotherClientsCompanyOrConnectionIsA404() {
        DataConnection created = connections.create(client, company, "sbbk");
        ClientId stranger = ClientId.random();
        assertThatThrownBy(() -> connections.all(stranger, company)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Company " + company + " does not exist."));
        assertThatThrownBy(() -> connections.get(client, company, ConnectionId.random()))
                .isInstanceOf(ApiException.class).hasMessageContaining("does not exist for company " + company);
        assertThat(connections.findForLink(company, created.id())).hasValueSatisfying(target -> {
            assertThat(target.clientId()).isEqualTo(client);
            assertThat(target.connection().id()).isEqualTo(created.id());
        });
        assertThat(connections.findForLink(CompanyId.random(), created.id())).isEmpty();
    }
}
