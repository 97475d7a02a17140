package dev.bridgekeeper.webhook.internal;

import static dev.bridgekeeper.webhook.internal.ConsumerStore.instant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The outbox: webhook_message, webhook_delivery and webhook_attempt. */
@Repository
class DeliveryStore {

    /** A delivery this instance has claimed: everything needed to send it, and the lease that fences it. */
    record Claimed(UUID consumerId, UUID messageId, int attemptsMade, Instant lease, String url, String secretSealed,
            String previousSecretSealed, Instant previousSecretUntil, String body) {}

    /** A message as one consumer sees it: the envelope and how its delivery is going. */
    record MessageRow(UUID id, String eventType, Instant generated, String body, String status, int attempts,
            Instant lastAttempt, Instant nextAttempt) {}

    record AttemptRow(long id, int attempt, String url, Instant attempted, Integer statusCode, int durationMs,
            String responseBody, String error) {}

    // clears the claim: the delivery no longer counts against its consumer's deliveries in flight
    private static final String SETTLE = "update webhook_delivery set status = ?, attempts = ?, last_attempt_utc = ?,"
            + " next_attempt_utc = ?, claimed_until = null, claimed_by = null where consumer_id = ? and message_id = ? and status = 'Pending'"
            + " and next_attempt_utc = ?";
    private static final String INSERT_ATTEMPT = "insert into webhook_attempt (consumer_id, message_id, attempt, url,"
            + " attempted_utc, status_code, duration_ms, response_body, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    DeliveryStore(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Writes a message and its deliveries to the given consumers in one statement: one round trip per
     * event however many consumers want it.
     */
    void insertMessage(UUID id, UUID clientId, String eventType, UUID companyId, Instant generated, String body,
            List<UUID> consumerIds, Instant created, Instant due) {
        jdbc.sql("""
                with m as (
                    insert into webhook_message (id, client_id, event_type, company_id, generated_utc, body)
                    values (?, ?, ?, ?, ?, ?) returning id)
                insert into webhook_delivery (consumer_id, message_id, status, attempts, next_attempt_utc, created_utc)
                select c.id, m.id, 'Pending', 0, ?, ? from m cross join unnest(?::uuid[]) as c(id)
                """)
                .params(id, clientId, eventType, companyId, Timestamp.from(generated), body, Timestamp.from(due),
                        Timestamp.from(created), consumerIds.toArray(UUID[]::new))
                .update();
    }

    /**
     * What one claim took, and the consumers it left due deliveries for because they had {@code perConsumer}
     * in flight already (the dispatcher looks again as soon as one of theirs finishes).
     */
    record Claim(List<Claimed> claimed, Set<UUID> capped) {}

    /**
     * Claims up to {@code limit} due deliveries of enabled consumers, taking turns between consumers (every
     * consumer's oldest first, then every consumer's second, …) and never letting one consumer have more than
     * {@code perConsumer} claimed and not yet recorded, counted over all instances; leases them to {@code dispatcher}
     * until {@code lease} (or until the dispatcher's heartbeat goes stale: {@link DispatcherHeartbeats}). Two statements in one transaction: the first locks the consumers that have due work,
     * skipping any that another instance is claiming for at this moment; the second, with a snapshot taken after
     * those locks, counts each one's deliveries in flight (every claim that could add to them has committed) and
     * takes the rest of its room. Other consumers' claims go on side by side. Neither statement ever waits on a
     * lock (SKIP LOCKED on consumers and on deliveries), so a claim cannot deadlock with a consumer's deletion or
     * with the recorder; a delivery locked by one of them is simply left for the next claim.
     */
    @Transactional
    Claim claim(UUID dispatcher, Instant now, Instant lease, int limit, int perConsumer) {
        List<UUID> consumerIds = jdbc.sql("""
                select c.id from webhook_consumer c
                where not c.disabled and exists (select 1 from webhook_delivery d where d.consumer_id = c.id
                    and d.status = 'Pending' and d.next_attempt_utc <= ?)
                for no key update of c skip locked
                """)
                .param(Timestamp.from(now))
                .query((rs, i) -> rs.getObject(1, UUID.class))
                .list();
        if (consumerIds.isEmpty()) {
            return new Claim(List.of(), Set.of());
        }
        List<Claimed> claimed = new ArrayList<>();
        Set<UUID> capped = new HashSet<>();
        // each consumer's room plus one due delivery more than fits: that one only says the consumer is capped
        jdbc.sql("""
                with room as (
                    select r.id, greatest(0, ? - (select count(*) from webhook_delivery f
                        where f.consumer_id = r.id and f.claimed_until > ?)) as room
                    from unnest(?::uuid[]) as r(id)),
                due as (
                    select d.consumer_id, d.message_id, d.next_attempt_utc, r.room,
                           row_number() over (partition by d.consumer_id order by d.next_attempt_utc) as turn
                    from room r cross join lateral (
                        select d.consumer_id, d.message_id, d.next_attempt_utc from webhook_delivery d
                        where d.consumer_id = r.id and d.status = 'Pending' and d.next_attempt_utc <= ?
                        order by d.next_attempt_utc limit r.room + 1) d),
                picked as (
                    select consumer_id, message_id from due where turn <= room
                    order by turn, next_attempt_utc limit ?),
                locked as (
                    select d.consumer_id, d.message_id from webhook_delivery d
                    join picked p on p.consumer_id = d.consumer_id and p.message_id = d.message_id
                    where d.status = 'Pending' and d.next_attempt_utc <= ?
                    for update of d skip locked),
                claimed as (
                    update webhook_delivery d set next_attempt_utc = ?, claimed_until = ?, claimed_by = ?
                    from locked where d.consumer_id = locked.consumer_id and d.message_id = locked.message_id
                    returning d.consumer_id, d.message_id, d.attempts)
                select cl.consumer_id, cl.message_id, cl.attempts, c.url, c.secret_sealed, c.previous_secret_sealed,
                       c.previous_secret_until, m.body
                from claimed cl
                join webhook_consumer c on c.id = cl.consumer_id
                join webhook_message m on m.id = cl.message_id
                union all
                select consumer_id, null, null, null, null, null, null, null from due where turn > room
                """)
                .params(perConsumer, Timestamp.from(now), consumerIds.toArray(UUID[]::new), Timestamp.from(now), limit,
                        Timestamp.from(now), Timestamp.from(lease), Timestamp.from(lease), dispatcher)
                .query(rs -> {
                    UUID consumerId = rs.getObject(1, UUID.class);
                    UUID messageId = rs.getObject(2, UUID.class);
                    if (messageId == null) {
                        capped.add(consumerId);
                    } else {
                        claimed.add(new Claimed(consumerId, messageId, rs.getInt(3), lease, rs.getString(4),
                                rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8)));
                    }
                });
        return new Claim(claimed, capped);
    }

    /**
     * Settles claimed deliveries in one JDBC batch, each only while this instance's lease still holds it (if the
     * lease ran out and another instance took it over, the other's result counts); says for each whether it held.
     */
    boolean[] settleAll(List<AttemptRecorder.Recorded> recorded, List<AttemptLedger.Settlement> settlements) {
        List<Object[]> rows = new ArrayList<>(recorded.size());
        for (int i = 0; i < recorded.size(); i++) {
            AttemptLedger.Settlement settlement = settlements.get(i);
            rows.add(settleParams(recorded.get(i).claimed(), settlement.status(), settlement.attempts(),
                    recorded.get(i).attemptedAt(), settlement.nextAttempt()));
        }
        int[] counts = batches.batchUpdate(SETTLE, rows);
        boolean[] settled = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            settled[i] = counts[i] == 1;
        }
        return settled;
    }

    private static Object[] settleParams(Claimed claimed, String status, int attempts, Instant attemptedAt,
            Instant nextAttempt) {
        return new Object[] {status, attempts, Timestamp.from(attemptedAt),
                nextAttempt == null ? null : Timestamp.from(nextAttempt), claimed.consumerId(), claimed.messageId(),
                Timestamp.from(claimed.lease())};
    }

    /** The attempt rows of a batch in one JDBC batch; fails as a whole if any delivery no longer exists. */
    void insertAttempts(List<AttemptRecorder.Recorded> recorded, List<AttemptLedger.Settlement> settlements) {
        List<Object[]> rows = new ArrayList<>(recorded.size());
        for (int i = 0; i < recorded.size(); i++) {
            Claimed claimed = recorded.get(i).claimed();
            rows.add(attemptParams(claimed.consumerId(), claimed.messageId(), settlements.get(i).attempts(),
                    claimed.url(), recorded.get(i).attemptedAt(), recorded.get(i).outcome()));
        }
        batches.batchUpdate(INSERT_ATTEMPT, rows);
    }

    private static Object[] attemptParams(UUID consumerId, UUID messageId, int attempt, String url, Instant attempted,
            AttemptOutcome outcome) {
        return new Object[] {consumerId, messageId, attempt, url, Timestamp.from(attempted), outcome.statusCode(),
                (int) Math.min(Integer.MAX_VALUE, outcome.durationMs()), outcome.responseBody(), outcome.error()};
    }

    long countMessages(UUID consumerId) {
        return jdbc.sql("select count(*) from webhook_delivery where consumer_id = ?").param(consumerId)
                .query(Long.class).single();
    }

    /** One page of the consumer's messages, newest first. */
    List<MessageRow> messages(UUID consumerId, int limit, long offset) {
        return jdbc.sql("select m.id, m.event_type, m.generated_utc, m.body, d.status, d.attempts, d.last_attempt_utc,"
                        + " d.next_attempt_utc from webhook_delivery d join webhook_message m on m.id = d.message_id"
                        + " where d.consumer_id = ? order by d.created_utc desc, d.message_id limit ? offset ?")
                .params(consumerId, limit, offset)
                .query((rs, i) -> new MessageRow(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getInt(6),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))))
                .list();
    }

    Optional<MessageRow> message(UUID consumerId, UUID messageId) {
        return jdbc.sql("select m.id, m.event_type, m.generated_utc, m.body, d.status, d.attempts, d.last_attempt_utc,"
                        + " d.next_attempt_utc from webhook_delivery d join webhook_message m on m.id = d.message_id"
                        + " where d.consumer_id = ? and d.message_id = ?")
                .params(consumerId, messageId)
                .query((rs, i) -> new MessageRow(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getInt(6),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))))
                .optional();
    }

    List<AttemptRow> attempts(UUID consumerId, UUID messageId) {
        return jdbc.sql("select id, attempt, url, attempted_utc, status_code, duration_ms, response_body, error"
                        + " from webhook_attempt where consumer_id = ? and message_id = ? order by attempted_utc, id")
                .params(consumerId, messageId)
                .query((rs, i) -> new AttemptRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), (Integer) rs.getObject(5), rs.getInt(6), rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    /** Starts a new round of attempts for one delivery: due at once, the schedule from its beginning. */
    boolean requeue(UUID consumerId, UUID messageId, Instant due) {
        return jdbc.sql("update webhook_delivery set status = 'Pending', attempts = 0, next_attempt_utc = ?"
                        + " where consumer_id = ? and message_id = ?")
                .params(Timestamp.from(due), consumerId, messageId).update() == 1;
    }

    /** Requeues every delivery of the consumer whose message was generated at or after {@code since}. */
    int requeueSince(UUID consumerId, Instant since, Instant due) {
        return jdbc.sql("update webhook_delivery d set status = 'Pending', attempts = 0, next_attempt_utc = ?"
                        + " from webhook_message m where m.id = d.message_id and d.consumer_id = ?"
                        + " and m.generated_utc >= ?")
                .params(Timestamp.from(due), consumerId, Timestamp.from(since)).update();
    }

    /** Deletes up to {@code limit} messages older than the cutoff, with their deliveries and attempts. */
    int purgeBefore(Instant cutoff, int limit) {
        return jdbc.sql("delete from webhook_message where id in (select id from webhook_message"
                        + " where generated_utc < ? limit ?)")
                .params(Timestamp.from(cutoff), limit).update();
    }
}
