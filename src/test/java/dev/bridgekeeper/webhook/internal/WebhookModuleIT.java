package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.ConnectionCreated;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.support.ModuleSlice;
import dev.bridgekeeper.sync.PullOperationStatus;
import dev.bridgekeeper.sync.ReadCompleted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook module on its own, with the shared kernel, against the embedded PostgreSQL: no company,
 * connection, consent or sync module is here, so the outbox can only build its messages from what the events
 * carry. The dispatcher is off; the messages stay in the outbox.
 */
@ApplicationModuleTest(extraIncludes = "platform")
@Import(ModuleSlice.class)
@ActiveProfiles("test")
@TestPropertySource(properties = "bridgekeeper.webhooks.dispatcher.enabled=false")
class WebhookModuleIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ConsumerManagement consumers;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    ClientId client;

    @BeforeEach
    void client() {
        client = ClientId.random();
        jdbc.update("insert into client (id, name) values (?, ?)", client.value(), "Webhook slice " + client);
    }

    @Test
    void aConnectionEventBecomesOneMessagePerMatchingConsumerBuiltFromTheEventAlone() {
        String everyone = consumers.create(client.value(), "http://127.0.0.1:9/all", null,
                List.of("connection.created"), null).id();
        String sme = consumers.create(client.value(), "http://127.0.0.1:9/sme", null,
                List.of("connection.created"), List.of("segment:sme")).id();
        consumers.create(client.value(), "http://127.0.0.1:9/corporate", null, List.of("connection.created"),
                List.of("segment:corporate"));
        consumers.create(client.value(), "http://127.0.0.1:9/other", null, List.of("company.created"), null);

        // the company exists nowhere in the database: the payload can only come from the event
        CompanyReference company = new CompanyReference(CompanyId.random(), "Event Only Ltd", "Not stored",
                Map.of("segment", "sme"));
        ConnectionId connectionId = ConnectionId.random();
        DataConnection connection = new DataConnection(connectionId, company.id(), "sbbk", "Banking",
                "Sandbox Banking", UUID.randomUUID(), UUID.randomUUID(), "http://localhost/start",
                ConnectionStatus.PendingAuth, Instant.parse("2026-03-01T09:00:00.123Z"), null, List.of(), null);
        Instant at = Instant.parse("2026-03-01T09:00:00.456789Z");
        transactions.executeWithoutResult(status -> events.publishEvent(
                new ConnectionCreated(client, company, connection, at)));

        List<Map<String, Object>> messages = jdbc.queryForList("select id, company_id, body from webhook_message"
                + " where client_id = ?", client.value());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("company_id")).isEqualTo(company.id().value());
        JsonNode body = JSON.readTree((String) messages.get(0).get("body"));
        assertThat(body.path("eventType").asString()).isEqualTo("connection.created");
        assertThat(body.path("generatedDate").asString()).isEqualTo("2026-03-01T09:00:00.456Z");
        assertThat(body.path("payload").path("referenceCompany")).isEqualTo(JSON.readTree("{\"id\":\""
                + company.id() + "\",\"name\":\"Event Only Ltd\",\"description\":\"Not stored\","
                + "\"tags\":{\"segment\":\"sme\"}}"));
        assertThat(body.path("payload").path("connection").path("id").asString()).isEqualTo(connectionId.toString());
        assertThat(body.path("payload").path("connection").path("integrationKey").asString()).isEqualTo("sbbk");
        assertThat(jdbc.queryForList("select consumer_id::text from webhook_delivery where message_id = ?",
                String.class, messages.get(0).get("id"))).containsExactlyInAnyOrder(everyone, sme);
    }

    @Test
    void theFirstReadIsAnnouncedTwiceAndNothingIsWrittenWithoutSubscribers() {
        consumers.create(client.value(), "http://127.0.0.1:9/reads", null,
                List.of("read.completed", "read.completed.initial"), null);
        CompanyReference company = new CompanyReference(CompanyId.random(), "Reader Ltd", null, Map.of());
        ConnectionId connection = ConnectionId.random();
        ReadCompleted read = new ReadCompleted(client, company, true, List.of(new ReadCompleted.DataTypeResult(
                connection, "invoices", UUID.randomUUID(), 3, PullOperationStatus.Complete, null)), Instant.now());
        transactions.executeWithoutResult(status -> events.publishEvent(read));

        List<String> types = jdbc.queryForList("select event_type from webhook_message where client_id = ?"
                + " order by event_type", String.class, client.value());
        assertThat(types).containsExactly("read.completed", "read.completed.initial");
        JsonNode payload = JSON.readTree(jdbc.queryForObject("select body from webhook_message where client_id = ?"
                + " and event_type = 'read.completed'", String.class, client.value())).path("payload");
        // a full read has no lower bound: Codat's modifiedFromDate is null
        assertThat(payload).isEqualTo(JSON.readTree("{\"referenceCompany\":{\"id\":\"" + company.id()
                + "\",\"name\":\"Reader Ltd\",\"tags\":{}},\"modifiedFromDate\":null,\"dataTypes\":[{"
                + "\"connectionId\":\"" + connection
                + "\",\"dataType\":\"invoices\",\"recordsModified\":true,\"status\":\"Complete\"}]}"));

        // incremental reads: the earliest of their lower bounds
        Instant since = Instant.parse("2026-11-30T08:15:00Z");
        transactions.executeWithoutResult(status -> events.publishEvent(new ReadCompleted(client, company, false,
                List.of(new ReadCompleted.DataTypeResult(connection, "invoices", UUID.randomUUID(), 0,
                                PullOperationStatus.Complete, since.plusSeconds(60)),
                        new ReadCompleted.DataTypeResult(connection, "bills", UUID.randomUUID(), 1,
                                PullOperationStatus.Complete, since)), Instant.now())));
        JsonNode incremental = JSON.readTree(jdbc.queryForObject("select body from webhook_message where client_id = ?"
                + " and event_type = 'read.completed' order by generated_utc desc limit 1", String.class,
                client.value())).path("payload");
        assertThat(incremental.path("modifiedFromDate").asString()).isEqualTo("2026-11-30T08:15:00Z");

        ClientId quiet = ClientId.random();
        jdbc.update("insert into client (id, name) values (?, ?)", quiet.value(), "No consumers");
        transactions.executeWithoutResult(status -> events.publishEvent(new ReadCompleted(quiet, company, false,
                read.dataTypes(), Instant.now())));
        assertThat(jdbc.queryForObject("select count(*) from webhook_message where client_id = ?", Integer.class,
                quiet.value())).isZero();
    }

    @Test
    void anEventOutsideATransactionIsRefusedRatherThanWrittenApart() {
        CompanyReference company = new CompanyReference(CompanyId.random(), "Loose Ltd", null, Map.of());
        assertThatThrownBy(() -> events.publishEvent(new ReadCompleted(client, company, false, List.of(),
                Instant.now()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction");
        assertThat(jdbc.queryForObject("select count(*) from webhook_message where client_id = ?", Integer.class,
                client.value())).isZero();
    }
}
