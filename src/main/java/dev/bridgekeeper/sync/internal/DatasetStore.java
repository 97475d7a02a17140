package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.platform.query.FieldMapping;
import dev.bridgekeeper.platform.query.FieldType;
import dev.bridgekeeper.platform.query.OrderBy;
import dev.bridgekeeper.platform.query.QuerySql;
import dev.bridgekeeper.platform.query.SqlWhere;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Datasets (pull operations) in PostgreSQL. Status changes are compare-and-set on the expected status. */
@Repository
class DatasetStore {

    private static final String COLUMNS = "id, client_id, company_id, connection_id, data_type, batch_id, initial,"
            + " status, status_description, error_message, progress, requested_utc, fetch_started_utc, completed_utc,"
            + " full_sync, modified_since, records_modified";

    /** The pull-operation history's {@code query} and {@code orderBy} fields. */
    private static final FieldMapping FIELDS = FieldMapping.builder()
            .field("id", "id", FieldType.UUID)
            .field("connectionId", "connection_id", FieldType.UUID)
            .field("dataType", "data_type", FieldType.STRING)
            .field("status", "status", FieldType.STRING)
            .field("requested", "requested_utc", FieldType.TIMESTAMP)
            .field("completed", "completed_utc", FieldType.TIMESTAMP)
            .field("progress", "progress", FieldType.NUMBER)
            .build();

    private final JdbcClient jdbc;

    DatasetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DatasetRow d) {
        jdbc.sql("insert into dataset (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.clientId(), d.companyId(), d.connectionId(), d.dataType(), d.batchId(), d.initial(),
                        d.status().name(), d.statusDescription(), d.errorMessage(), d.progress(), ts(d.requested()),
                        ts(d.fetchStarted()), ts(d.completed()), d.fullSync(), ts(d.modifiedSince()),
                        d.recordsModified())
                .update();
    }

    Optional<DatasetRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dataset where id = ?").param(id).query(DatasetStore::row)
                .optional();
    }

    Optional<DatasetRow> find(UUID clientId, UUID companyId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dataset where id = ? and client_id = ? and company_id = ?")
                .params(id, clientId, companyId).query(DatasetStore::row).optional();
    }

    /** Moves the dataset from {@code from} to {@code to}; false when it was no longer in {@code from}. */
    boolean transition(UUID id, PullOperationStatus from, PullOperationStatus to, int progress, String description,
            String error, Instant completed, Integer recordsModified) {
        SyncTransitions.check(from, to);
        return jdbc.sql("update dataset set status = ?, progress = ?, status_description = ?, error_message = ?,"
                        + " completed_utc = coalesce(?, completed_utc),"
                        + " records_modified = coalesce(?, records_modified) where id = ? and status = ?")
                .params(to.name(), progress, description, error, ts(completed), recordsModified, id, from.name())
                .update() == 1;
    }

    /**
     * Queued → Fetching, recording how this fetch reads the platform (all records, or changes since; from which
     * date the sync settings allow).
     */
    boolean startFetching(UUID id, Instant now, boolean fullSync, Instant modifiedSince, Instant syncFrom,
            int pageSize) {
        SyncTransitions.check(PullOperationStatus.Queued, PullOperationStatus.Fetching);
        return jdbc.sql("update dataset set status = 'Fetching', progress = 10, fetch_started_utc = ?, full_sync = ?,"
                        + " modified_since = ?, sync_from = ?, page_size = ? where id = ? and status = 'Queued'")
                .params(ts(now), fullSync, ts(modifiedSince), ts(syncFrom), pageSize, id).update() == 1;
    }

    /** Where a fetch stands: what is staged, how many waits in a row, and how far back it reads. */
    /**
     * @param resumeCursor where the read goes on: the reader's cursor after the last staged page (null: start)
     */
    record FetchState(int pagesFetched, Integer pageSize, long recordsStaged, int rateLimitWaits,
            int serverErrorRetries, Instant syncFrom, Instant waitingUntil, String resumeCursor) {}

    FetchState fetchState(UUID id) {
        return jdbc.sql("select pages_fetched, page_size, records_staged, rate_limit_waits, server_error_retries,"
                        + " sync_from, waiting_until, resume_cursor from dataset where id = ?").param(id)
                .query((rs, i) -> new FetchState(rs.getInt(1), (Integer) rs.getObject(2), rs.getLong(3),
                        rs.getInt(4), rs.getInt(5), instant(rs, 6), instant(rs, 7), rs.getString(8))).single();
    }

    /**
     * A page is staged (same transaction as its rows): the next run goes on from {@code nextCursor}; waits in a row
     * reset.
     */
    void pageStaged(UUID id, int pages, int records, int progress, String nextCursor) {
        jdbc.sql("update dataset set pages_fetched = ?, records_staged = records_staged + ?, progress = ?,"
                        + " rate_limit_waits = 0, server_error_retries = 0, status_description = null,"
                        + " resume_cursor = ? where id = ? and status = 'Fetching'")
                .params(pages, records, progress, nextCursor, id).update();
    }

    /** The staged rows are gone (PostgreSQL emptied the unlogged staging after a crash): fetch from the start. */
    void restartFetch(UUID id) {
        jdbc.sql("update dataset set pages_fetched = 0, records_staged = 0, resume_cursor = null where id = ?"
                        + " and status = 'Fetching'")
                .param(id).update();
    }

    /** Bridgekeeper's own rate limits asked for a wait: recorded (statusDescription) but not counted as a refusal. */
    void waitPaced(UUID id, Instant until, String description) {
        jdbc.sql("update dataset set waiting_until = ?, status_description = ? where id = ? and status = 'Fetching'")
                .params(ts(until), description, id).update();
    }

    /** Counts one more wait of this kind and records until when and why (shown as statusDescription). */
    void waitBeforeRetry(UUID id, boolean rateLimited, Instant until, String description) {
        String counter = rateLimited ? "rate_limit_waits" : "server_error_retries";
        jdbc.sql("update dataset set " + counter + " = " + counter + " + 1, waiting_until = ?, status_description = ?"
                        + " where id = ? and status = 'Fetching'")
                .params(ts(until), description, id).update();
    }

    void progress(UUID id, int progress) {
        jdbc.sql("update dataset set progress = ? where id = ? and status = 'Fetching'").params(progress, id).update();
    }

    /** The latest Complete dataset of the connection's data type, other than {@code except}. */
    Optional<DatasetRow> lastComplete(UUID connectionId, String dataType, UUID except) {
        return jdbc.sql("select " + COLUMNS + " from dataset where connection_id = ? and data_type = ?"
                        + " and status = 'Complete' and id <> ? order by fetch_started_utc desc limit 1")
                .params(connectionId, dataType, except).query(DatasetStore::row).optional();
    }

    /** When the connection's data type was last read in full and completed. */
    Optional<Instant> lastFullSync(UUID connectionId, String dataType) {
        return jdbc.sql("select max(fetch_started_utc) from dataset where connection_id = ? and data_type = ?"
                        + " and status = 'Complete' and full_sync")
                .params(connectionId, dataType).query((rs, i) -> instant(rs, 1)).optional();
    }

    /**
     * Serialises the finishing of a batch's datasets (until the end of the transaction). The last lock a sync
     * transaction takes before rows: after {@link RecordStore#lockOwners} and {@link #lockDataType}.
     */
    void lockBatch(UUID batchId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("batch:" + batchId)
                .query((rs, i) -> 1).single();
    }

    /**
     * Serialises merges into one connection's data type (until the end of the transaction); a direct first sync holds
     * it for its whole read. Taken after {@link RecordStore#lockOwners}, before {@link #lockBatch}.
     */
    void lockDataType(UUID connectionId, String dataType) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("records:" + connectionId + ":"
                + dataType).query((rs, i) -> 1).single();
    }

    List<DatasetRow> batch(UUID batchId) {
        return jdbc.sql("select " + COLUMNS + " from dataset where batch_id = ? order by requested_utc, data_type")
                .param(batchId).query(DatasetStore::row).list();
    }

    record Slice(List<DatasetRow> rows, long total) {}

    Slice history(UUID clientId, UUID companyId, String query, String orderBy, int limit, long offset) {
        SqlWhere where = query == null || query.isBlank() ? null : QuerySql.toWhere(query, FIELDS);
        String order = orderBy == null || orderBy.isBlank() ? "requested_utc desc, id"
                : OrderBy.parse(orderBy, FIELDS) + ", id";
        String filter = " from dataset where client_id = ? and company_id = ?" + (where == null ? ""
                : " and " + where.sql());
        List<Object> params = new ArrayList<>(List.of(clientId, companyId));
        if (where != null) {
            params.addAll(where.params());
        }
        long total = jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<DatasetRow> rows = jdbc.sql("select " + COLUMNS + filter + " order by " + order + " limit ? offset ?")
                .params(pageParams).query(DatasetStore::row).list();
        return new Slice(rows, total);
    }

    /** The end of the newest Complete pull of each of the company's connections that has one. */
    Map<UUID, Instant> lastCompleted(UUID clientId, UUID companyId) {
        Map<UUID, Instant> last = new LinkedHashMap<>();
        jdbc.sql("select connection_id, max(completed_utc) from dataset where client_id = ? and company_id = ?"
                        + " and status = 'Complete' and completed_utc is not null group by connection_id")
                .params(clientId, companyId)
                .query(rs -> {
                    last.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                });
        return last;
    }

    /** The latest dataset of each data type of the company, and the latest Complete one. */
    List<DatasetRow> latestPerDataType(UUID clientId, UUID companyId, boolean completeOnly) {
        return jdbc.sql("select distinct on (data_type) " + COLUMNS + " from dataset where client_id = ?"
                        + " and company_id = ?" + (completeOnly ? " and status = 'Complete'" : "")
                        + " order by data_type, requested_utc desc, id")
                .params(clientId, companyId).query(DatasetStore::row).list();
    }

    /** The latest dataset of every (connection, data type) ever synced: where scheduled syncs start from. */
    List<DatasetRow> latestPerConnectionAndDataType() {
        return jdbc.sql("select distinct on (connection_id, data_type) " + COLUMNS + " from dataset"
                        + " order by connection_id, data_type, requested_utc desc, id")
                .query(DatasetStore::row).list();
    }

    private static DatasetRow row(ResultSet rs, int i) throws SQLException {
        return new DatasetRow(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("company_id", UUID.class), rs.getObject("connection_id", UUID.class),
                rs.getString("data_type"), rs.getObject("batch_id", UUID.class), rs.getBoolean("initial"),
                PullOperationStatus.valueOf(rs.getString("status")), rs.getString("status_description"),
                rs.getString("error_message"), rs.getInt("progress"), instant(rs, "requested_utc"),
                instant(rs, "fetch_started_utc"), instant(rs, "completed_utc"),
                (Boolean) rs.getObject("full_sync"), instant(rs, "modified_since"),
                (Integer) rs.getObject("records_modified"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
