package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.webhook.WebhookTestSupport.createConsumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/** The cheaper write and delivery paths send exactly what the straightforward ones did. */
@ApiIntegrationTest
class WebhookBatchingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Tenant tenant;
    Api api;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(jdbc, port, "Batching " + UUID.randomUUID());
        api = tenant.api();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /**
     * company.created is built from the event, not read back; it must still serialise exactly like the stored
     * company, including the order jsonb gives the tags (shorter keys first), which differs from the request's.
     */
    @Test
    void companyCreatedPayloadIsTheStoredCompanyFieldForFieldAndInTheSameOrder() {
        createConsumer(api, receiver.url(), List.of("company.created"));
        String body = "{\"name\":\"  Ordered Ltd \",\"description\":\"Tags out of order\",\"tags\":"
                + "{\"zeta-long-key\":\"1\",\"b\":\"2\",\"ab\":\"3\",\"aa\":\"4\",\"é\":\"5\",\"z\":\"6\"}}";
        Api.Response created = api.post("/companies", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String companyId = created.json().path("id").asString();

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        ObjectNode stored = (ObjectNode) api.get("/companies/" + companyId).json();
        stored.remove("dataConnections");
        String payload = receiver.received().get(0).json().path("payload").toString();
        assertThat(payload).isEqualTo(stored.toString());
        assertThat(receiver.received().get(0).json().path("payload").path("tags").propertyNames())
                .containsExactly("b", "z", "aa", "ab", "é", "zeta-long-key");
    }
}
