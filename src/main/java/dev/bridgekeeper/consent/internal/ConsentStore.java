package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The consent tables. Every statement is scoped by client id, except the expiry job's due-lists. */
@Repository
class ConsentStore {

    private static final String COLUMNS = "id, client_id, company_id, product, source_type, connection_ids,"
            + " data_types, consent_text, text_sha256, text_version, locale, channel, granted_by, ip_address,"
            + " user_agent, granted_utc, expires_utc, remind_utc, reminded_utc, status, status_changed_utc,"
            + " revoked_utc, revoked_by, revocation_reason, superseded_by";

    private final JdbcClient jdbc;

    ConsentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConsentRow r) {
        jdbc.sql("insert into consent_record (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?::uuid[], ?::text[], ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.clientId(), r.companyId(), r.product(), r.sourceType(),
                        array(r.connectionIds().stream().map(UUID::toString).toList()), array(r.dataTypes()),
                        r.text(), r.textSha256(), r.textVersion(), r.locale(), r.channel().name(), r.grantedBy(),
                        r.ipAddress(), r.userAgent(), ts(r.granted()), ts(r.expires()), ts(r.remind()),
                        ts(r.reminded()), r.status().name(), ts(r.statusChanged()), ts(r.revoked()), r.revokedBy(),
                        r.revocationReason(), r.supersededBy())
                .update();
    }

    /** Writes the mutable part of a record (status, end, reminder, revocation, successor). */
    void update(ConsentRow r) {
        jdbc.sql("update consent_record set status = ?, status_changed_utc = ?, expires_utc = ?, remind_utc = ?,"
                        + " reminded_utc = ?, revoked_utc = ?, revoked_by = ?, revocation_reason = ?, superseded_by = ?"
                        + " where client_id = ? and id = ?")
                .params(r.status().name(), ts(r.statusChanged()), ts(r.expires()), ts(r.remind()), ts(r.reminded()),
                        ts(r.revoked()), r.revokedBy(), r.revocationReason(), r.supersededBy(), r.clientId(), r.id())
                .update();
    }

    Optional<ConsentRow> find(UUID clientId, UUID companyId, UUID id, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from consent_record where client_id = ? and company_id = ? and id = ?"
                        + (lock ? " for update" : ""))
                .params(clientId, companyId, id).query(this::row).optional();
    }

    List<ConsentRow> forCompany(UUID clientId, UUID companyId) {
        return page(clientId, companyId, 0, Integer.MAX_VALUE);
    }

    /** One page of the company's records, oldest first. */
    List<ConsentRow> page(UUID clientId, UUID companyId, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from consent_record where client_id = ? and company_id = ?"
                        + " order by granted_utc, id offset ? limit ?")
                .params(clientId, companyId, offset, limit).query(this::row).list();
    }

    long count(UUID clientId, UUID companyId) {
        return jdbc.sql("select count(*) from consent_record where client_id = ? and company_id = ?")
                .params(clientId, companyId).query(Long.class).single();
    }

    List<ConsentRow> activeForCompany(UUID clientId, UUID companyId) {
        return jdbc.sql("select " + COLUMNS + " from consent_record where client_id = ? and company_id = ?"
                        + " and status = 'Active' order by granted_utc, id")
                .params(clientId, companyId).query(this::row).list();
    }

    /** Active records whose end has come, locked and skipped by other workers. */
    List<ConsentRow> dueToExpire(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from consent_record where status = 'Active' and expires_utc <= ?"
                        + " order by expires_utc limit ? for update skip locked")
                .params(ts(now), limit).query(this::row).list();
    }

    /** Active records inside their reminder window that have not been reminded yet. */
    List<ConsentRow> dueForReminder(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from consent_record where status = 'Active' and remind_utc <= ?"
                        + " and reminded_utc is null order by remind_utc limit ? for update skip locked")
                .params(ts(now), limit).query(this::row).list();
    }

    void insertReconfirmation(UUID consentId, Instant at, Instant previous, Instant expires, ConsentChannel channel) {
        jdbc.sql("insert into consent_reconfirmation (consent_id, reconfirmed_utc, previous_expires_utc, expires_utc,"
                        + " channel) values (?, ?, ?, ?, ?)")
                .params(consentId, ts(at), ts(previous), ts(expires), channel.name()).update();
    }

    /** The reconfirmations of all the given records in one statement, by record, each oldest first. */
    Map<UUID, List<Consent.Reconfirmation>> reconfirmations(Collection<UUID> consentIds) {
        if (consentIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Consent.Reconfirmation>> byConsent = new HashMap<>();
        jdbc.sql("select consent_id, reconfirmed_utc, previous_expires_utc, expires_utc, channel"
                        + " from consent_reconfirmation where consent_id = any(?::uuid[]) order by reconfirmed_utc")
                .param(array(consentIds.stream().map(UUID::toString).toList()))
                .query(rs -> {
                    byConsent.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new Consent.Reconfirmation(rs.getTimestamp(2).toInstant(),
                                    rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                                    ConsentChannel.valueOf(rs.getString(5))));
                });
        return byConsent;
    }

    /** Keeps the receipt signed when the consent was granted; a record has at most one. */
    void insertReceipt(UUID consentId, String receipt, String keyId, Instant issued) {
        jdbc.sql("insert into consent_receipt (consent_id, receipt, key_id, issued_utc) values (?, ?, ?, ?)")
                .params(consentId, receipt, keyId, ts(issued)).update();
    }

    record StoredReceipt(String receipt, String keyId) {}

    Optional<StoredReceipt> receipt(UUID consentId) {
        return jdbc.sql("select receipt, key_id from consent_receipt where consent_id = ?").param(consentId)
                .query((rs, i) -> new StoredReceipt(rs.getString(1), rs.getString(2))).optional();
    }

    void scheduleDeletion(UUID clientId, UUID companyId, UUID connectionId, String dataType, UUID consentId,
            Instant due) {
        jdbc.sql("insert into consent_data_deletion (id, client_id, company_id, connection_id, data_type, consent_id,"
                        + " due_utc) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), clientId, companyId, connectionId, dataType, consentId, ts(due)).update();
    }

    record Deletion(UUID id, UUID clientId, UUID companyId, UUID connectionId, String dataType, UUID consentId) {}

    List<Deletion> dueDeletions(Instant now, int limit) {
        return jdbc.sql("select id, client_id, company_id, connection_id, data_type, consent_id from consent_data_deletion"
                        + " where due_utc <= ? order by due_utc limit ? for update skip locked")
                .params(ts(now), limit)
                .query((rs, i) -> new Deletion(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5),
                        rs.getObject(6, UUID.class)))
                .list();
    }

    void deleteDeletion(UUID id) {
        jdbc.sql("delete from consent_data_deletion where id = ?").param(id).update();
    }

    /** Pending deletions of a data type on a connection are dropped when a new consent covers it again. */
    void cancelDeletions(UUID clientId, UUID connectionId, List<String> dataTypes) {
        jdbc.sql("delete from consent_data_deletion where client_id = ? and connection_id = ?"
                        + " and data_type = any(?::text[])")
                .params(clientId, connectionId, array(dataTypes)).update();
    }

    private static String array(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "" : ",").append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private ConsentRow row(ResultSet rs, int i) throws SQLException {
        return new ConsentRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5),
                Arrays.stream((Object[]) rs.getArray(6).getArray()).map(o -> (UUID) o).toList(),
                Arrays.stream((Object[]) rs.getArray(7).getArray()).map(String.class::cast).toList(),
                rs.getString(8), rs.getBytes(9), rs.getString(10), rs.getString(11),
                ConsentChannel.valueOf(rs.getString(12)), rs.getString(13), rs.getString(14), rs.getString(15),
                instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)), instant(rs.getTimestamp(18)),
                instant(rs.getTimestamp(19)), ConsentStatus.valueOf(rs.getString(20)), instant(rs.getTimestamp(21)),
                instant(rs.getTimestamp(22)), rs.getString(23), rs.getString(24), rs.getObject(25, UUID.class));
    }
}
