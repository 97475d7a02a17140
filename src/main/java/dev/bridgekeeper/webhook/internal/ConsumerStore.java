package dev.bridgekeeper.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook_consumer table. Every statement the API reaches is scoped by client id. */
@Repository
class ConsumerStore {

    private static final String COLUMNS = "id, client_id, url, disabled, event_types, company_tags, secret_sealed,"
            + " previous_secret_sealed, previous_secret_until, failing_since_utc, disabled_reason, created_utc";

    /** What an attempt's outcome can change about a consumer. */
    record Health(boolean disabled, Instant failingSince) {}

    private final JdbcClient jdbc;

    ConsumerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConsumerRow row) {
        jdbc.sql("insert into webhook_consumer (id, client_id, url, disabled, event_types, company_tags, secret_sealed,"
                        + " disabled_reason, created_utc) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.clientId(), row.url(), row.disabled(), row.eventTypes().toArray(String[]::new),
                        row.companyTags() == null ? null : row.companyTags().toArray(String[]::new),
                        row.secretSealed(), row.disabledReason(), Timestamp.from(row.created()))
                .update();
    }

    List<ConsumerRow> list(UUID clientId) {
        return jdbc.sql("select " + COLUMNS + " from webhook_consumer where client_id = ? order by created_utc, id")
                .param(clientId).query(ConsumerStore::row).list();
    }

    Optional<ConsumerRow> find(UUID clientId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_consumer where client_id = ? and id = ?")
                .params(clientId, id).query(ConsumerStore::row).optional();
    }

    Optional<ConsumerRow> findForUpdate(UUID clientId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_consumer where client_id = ? and id = ?"
                        + " for no key update")
                .params(clientId, id).query(ConsumerStore::row).optional();
    }

    /** For the attempt recorder: the health of the given consumers as it is now, without a lock; absent ones are gone. */
    Map<UUID, Health> health(List<UUID> ids) {
        Map<UUID, Health> health = new HashMap<>();
        jdbc.sql("select id, disabled, failing_since_utc from webhook_consumer where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class),
                        new Health(rs.getBoolean(2), instant(rs.getTimestamp(3)))))
                .list()
                .forEach(entry -> health.put(entry.getKey(), entry.getValue()));
        return health;
    }

    /**
     * For the dispatcher, which knows only the id; locks the row while an attempt's result is recorded.
     * NO KEY UPDATE, so new deliveries (whose foreign key takes a KEY SHARE lock) are not held up.
     */
    Optional<ConsumerRow> lockById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_consumer where id = ? for no key update")
                .param(id).query(ConsumerStore::row).optional();
    }

    /** Enabled consumers of the client subscribed to the event type. */
    List<ConsumerRow> subscribers(UUID clientId, String eventType) {
        return jdbc.sql("select " + COLUMNS + " from webhook_consumer where client_id = ? and not disabled"
                        + " and ? = any(event_types)")
                .params(clientId, eventType).query(ConsumerStore::row).list();
    }

    int count(UUID clientId) {
        return jdbc.sql("select count(*) from webhook_consumer where client_id = ?").param(clientId)
                .query(Integer.class).single();
    }

    boolean delete(UUID clientId, UUID id) {
        // deliveries first: a sender locks its delivery and then, on a health change, the consumer; deleting the
        // consumer first and cascading into a delivery a sender holds would take the two locks the other way round
        jdbc.sql("delete from webhook_delivery d using webhook_consumer c where c.id = d.consumer_id"
                + " and c.client_id = ? and c.id = ?").params(clientId, id).update();
        return jdbc.sql("delete from webhook_consumer where client_id = ? and id = ?").params(clientId, id).update() == 1;
    }

    void setDisabled(UUID id, boolean disabled, String reason) {
        // re-enabling starts a fresh health record: the endpoint gets the full disable-after period again
        jdbc.sql("update webhook_consumer set disabled = ?, disabled_reason = ?,"
                        + " failing_since_utc = case when ? then failing_since_utc else null end where id = ?")
                .params(disabled, reason, disabled, id).update();
    }

    void setFailingSince(UUID id, Instant failingSince) {
        jdbc.sql("update webhook_consumer set failing_since_utc = ? where id = ?")
                .params(failingSince == null ? null : Timestamp.from(failingSince), id).update();
    }

    void rotateSecret(UUID id, String newSealed, String previousSealed, Instant previousUntil) {
        jdbc.sql("update webhook_consumer set secret_sealed = ?, previous_secret_sealed = ?, previous_secret_until = ?"
                        + " where id = ?")
                .params(newSealed, previousSealed, previousUntil == null ? null : Timestamp.from(previousUntil), id)
                .update();
    }

    /**
     * Serialises consumer changes of one client until the transaction ends, so two concurrent creates cannot pass
     * the limit together. An advisory lock on the client's id: the client table belongs to the settings module.
     */
    void lockClient(UUID clientId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("webhook-consumers:" + clientId)
                .query(Object.class).single();
    }

    private static ConsumerRow row(ResultSet rs, int i) throws SQLException {
        java.sql.Array tags = rs.getArray(6);
        return new ConsumerRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getBoolean(4), Arrays.asList((String[]) rs.getArray(5).getArray()),
                tags == null ? null : Arrays.asList((String[]) tags.getArray()), rs.getString(7), rs.getString(8),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), rs.getString(11),
                instant(rs.getTimestamp(12)));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
