package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** audit_entry (append-only, guarded by a trigger) and audit_chain (each company's chain head). */
@Repository
class AuditStore {

    /** A company's chain head: the last sequence appended and its hash. */
    record Head(UUID clientId, long lastSequence, String headHash) {}

    private static final String COLUMNS =
            "id, sequence, event_type, subject_id, details::text, recorded_utc, previous_hash, hash, signature";

    /** Rows read while verifying are fetched this many at a time, so a long chain is never held whole. */
    private static final int VERIFY_FETCH_SIZE = 1000;

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final JsonMapper json;

    AuditStore(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(VERIFY_FETCH_SIZE);
        this.streaming = JdbcClient.create(template);
        this.json = json;
    }

    /**
     * Creates the company's chain head if it has none, then locks it until the caller's transaction
     * ends: appends for one company take turns here, so each sees the previous one's sequence.
     */
    Head lockHead(UUID clientId, UUID companyId, Instant now) {
        jdbc.sql("insert into audit_chain (company_id, client_id, last_sequence, head_hash, updated_utc)"
                        + " values (?, ?, 0, ?, ?) on conflict (company_id) do nothing")
                .params(companyId, clientId, ChainHash.GENESIS, Timestamp.from(now)).update();
        return jdbc.sql("select client_id, last_sequence, head_hash from audit_chain where company_id = ? for update")
                .param(companyId)
                .query((rs, i) -> new Head(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)))
                .single();
    }

    Optional<Head> head(UUID clientId, UUID companyId) {
        return jdbc.sql("select client_id, last_sequence, head_hash from audit_chain"
                        + " where client_id = ? and company_id = ?")
                .params(clientId, companyId)
                .query((rs, i) -> new Head(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)))
                .optional();
    }

    void insert(UUID clientId, UUID companyId, AuditEntry entry) {
        jdbc.sql("insert into audit_entry (id, client_id, company_id, sequence, event_type, subject_id, details,"
                        + " recorded_utc, previous_hash, hash, signature)"
                        + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)")
                .params(entry.id(), clientId, companyId, entry.sequence(), entry.eventType(), entry.subjectId(),
                        json.writeValueAsString(entry.details()), Timestamp.from(entry.recordedAt()),
                        entry.previousHash(), entry.hash(), entry.signature())
                .update();
    }

    void advanceHead(UUID companyId, long sequence, String hash, Instant now) {
        jdbc.sql("update audit_chain set last_sequence = ?, head_hash = ?, updated_utc = ? where company_id = ?")
                .params(sequence, hash, Timestamp.from(now), companyId).update();
    }

    boolean chainExists(UUID clientId, UUID companyId) {
        return jdbc.sql("select exists (select 1 from audit_chain where client_id = ? and company_id = ?)")
                .params(clientId, companyId).query(Boolean.class).single();
    }

    /** Chains whose company no longer exists and whose last entry is older than {@code before}. */
    List<UUID> chainsOfDeletedCompanies(Instant before, int limit) {
        return jdbc.sql("select c.company_id from audit_chain c where c.updated_utc < ?"
                        + " and not exists (select 1 from company co where co.id = c.company_id)"
                        + " order by c.updated_utc limit ?")
                .params(Timestamp.from(before), limit).query(UUID.class).list();
    }

    /**
     * Deletes a deleted company's whole chain, in the caller's transaction. The append-only trigger
     * lets these deletes through only because the company is gone and the purge is named for it.
     */
    boolean purgeChain(UUID companyId) {
        jdbc.sql("select set_config('bridgekeeper.audit_purge', ?, true)").param(companyId.toString())
                .query(String.class).single();
        jdbc.sql("delete from audit_entry where company_id = ?").param(companyId).update();
        return jdbc.sql("delete from audit_chain c where c.company_id = ?"
                        + " and not exists (select 1 from company co where co.id = c.company_id)")
                .param(companyId).update() == 1;
    }

    List<AuditEntry> entries(UUID clientId, UUID companyId, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_entry where client_id = ? and company_id = ?"
                        + " order by sequence offset ? limit ?")
                .params(clientId, companyId, offset, limit)
                .query((rs, i) -> entry(rs)).list();
    }

    long count(UUID clientId, UUID companyId) {
        return jdbc.sql("select count(*) from audit_entry where client_id = ? and company_id = ?")
                .params(clientId, companyId).query(Long.class).single();
    }

    /**
     * Every entry in sequence order, one at a time; inside a transaction the driver fetches them in
     * batches (a cursor), so a long chain is checked without holding it all.
     */
    void forEach(UUID clientId, UUID companyId, Consumer<AuditEntry> action) {
        streaming.sql("select " + COLUMNS + " from audit_entry where client_id = ? and company_id = ?"
                        + " order by sequence")
                .params(clientId, companyId)
                .query(rs -> {
                    action.accept(entry(rs));
                });
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        JsonNode details = json.readTree(rs.getString(5));
        return new AuditEntry(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getString(4), details,
                rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), rs.getString(9));
    }
}
