package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attempt recorder writes outcomes in batches. The deliveries here are leased by hand an hour
 * ahead, so the running dispatcher leaves them alone and only the recorder touches them.
 */
@ApiIntegrationTest
class AttemptRecorderIT {

    private static final String URL = "http://127.0.0.1:1/hooks";
    private static final AttemptOutcome OK = new AttemptOutcome(200, 3, "", null, null);
    private static final AttemptOutcome DOWN = new AttemptOutcome(503, 3, "", null, null);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeliveryStore deliveries;

    @Autowired
    AttemptLedger ledger;

    Tenant tenant;
    UUID consumerId;
    Instant lease;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(jdbc, port, "Recorder " + UUID.randomUUID());
        Api api = tenant.api();
        Api.Response created = api.post("/webhooks", "{\"url\":\"" + URL + "\",\"eventTypes\":[\"company.created\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        consumerId = UUID.fromString(created.json().path("id").asString());
        lease = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void aBatchWithADeliveryDeletedMeanwhileStillRecordsTheOthers() {
        List<AttemptRecorder.Recorded> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(new AttemptRecorder.Recorded(leasedDelivery(), Instant.now(), OK));
        }
        UUID deleted = batch.get(1).claimed().messageId();
        jdbc.update("delete from webhook_delivery where consumer_id = ? and message_id = ?", consumerId, deleted);

        new AttemptRecorder(ledger, 64, Duration.ofMillis(5), recorded -> {}).flush(batch);

        for (AttemptRecorder.Recorded recorded : List.of(batch.get(0), batch.get(2))) {
            UUID messageId = recorded.claimed().messageId();
            assertThat(jdbc.queryForObject("select status from webhook_delivery where consumer_id = ? and message_id = ?",
                    String.class, consumerId, messageId)).isEqualTo("Succeeded");
            assertThat(attemptRows(messageId)).isEqualTo(1);
        }
        assertThat(attemptRows(deleted)).isZero();
    }

    @Test
    void aRecordedSuccessIsRecordedOnceEvenIfItsOutcomeArrivesTwice() {
        DeliveryStore.Claimed claimed = leasedDelivery();
        AttemptRecorder recorder = new AttemptRecorder(ledger, 64, Duration.ofMillis(5), recorded -> {});
        recorder.flush(List.of(new AttemptRecorder.Recorded(claimed, Instant.now(), OK)));
        recorder.flush(List.of(new AttemptRecorder.Recorded(claimed, Instant.now(), OK)));

        assertThat(jdbc.queryForObject("select attempts from webhook_delivery where consumer_id = ? and message_id = ?",
                Integer.class, consumerId, claimed.messageId())).as("the fence let only the first settle").isEqualTo(1);
        // the late copy is logged as an attempt, as a late attempt always was, but changes nothing
        assertThat(attemptRows(claimed.messageId())).isEqualTo(2);
    }

    @Test
    void healthFollowsTheAttemptsOfABatchInTheOrderTheyWereMade() {
        Instant start = Instant.now();
        ledger.recordAll(List.of(
                new AttemptRecorder.Recorded(leasedDelivery(), start, DOWN),
                new AttemptRecorder.Recorded(leasedDelivery(), start.plusMillis(2), OK)));
        assertThat(failingSince()).as("a success after a failure clears it").isNull();

        ledger.recordAll(List.of(
                new AttemptRecorder.Recorded(leasedDelivery(), start.plusMillis(5), DOWN),
                new AttemptRecorder.Recorded(leasedDelivery(), start.plusMillis(4), OK)));
        assertThat(failingSince()).as("the later failure counts, though it came first in the batch").isNotNull();
        assertThat(jdbc.queryForObject("select disabled from webhook_consumer where id = ?", Boolean.class,
                consumerId)).isFalse();

        ledger.recordAll(List.of(new AttemptRecorder.Recorded(leasedDelivery(), start.plusMillis(6),
                new AttemptOutcome(410, 3, "", null, null))));
        assertThat(jdbc.queryForObject("select disabled_reason from webhook_consumer where id = ?", String.class,
                consumerId)).contains("410 Gone");
    }

    /** A message with a delivery to the consumer that looks claimed by this instance until {@link #lease}. */
    private DeliveryStore.Claimed leasedDelivery() {
        UUID messageId = UUID.randomUUID();
        Instant now = Instant.now();
        deliveries.insertMessage(messageId, tenant.clientId(), "company.created", null, now, "{}", List.of(consumerId),
                now, lease);
        return new DeliveryStore.Claimed(consumerId, messageId, 0, lease, URL, "sealed", null, null, "{}");
    }

    private long attemptRows(UUID messageId) {
        return jdbc.queryForObject("select count(*) from webhook_attempt where consumer_id = ? and message_id = ?",
                Long.class, consumerId, messageId);
    }

    private Timestamp failingSince() {
        return jdbc.queryForObject("select failing_since_utc from webhook_consumer where id = ?", Timestamp.class,
                consumerId);
    }
}
