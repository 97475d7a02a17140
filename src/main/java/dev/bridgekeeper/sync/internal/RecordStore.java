package dev.bridgekeeper.sync.internal;

import static dev.bridgekeeper.sync.internal.DatasetStore.ts;

import dev.bridgekeeper.platform.query.SqlWhere;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The records cache and its staging area. A dataset's pages go to {@code record_staging} (keyed by dataset and
 * record id, so a page fetched twice is stored once); {@link #merge} moves them into {@code record} in the
 * caller's transaction, which is what makes a dataset visible all at once or not at all.
 */
@Repository
class RecordStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    private final PageIndex pageIndex;

    RecordStore(JdbcClient jdbc, JdbcTemplate template, SyncProperties properties) {
        this.jdbc = jdbc;
        this.template = template;
        this.pageIndex = new PageIndex(properties.pageIndexMemory().toBytes());
    }

    /**
     * Stages a page with one COPY (the fast way in). Fails with a {@link DuplicateKeyException} when a record id is
     * already staged for the dataset (a platform listing one record on two pages); the caller then stages the page
     * again with {@link #stage}, which keeps the later copy.
     */
    void copy(UUID datasetId, List<StagedRecord> records) {
        CopyRows rows = new CopyRows(records.size() * 420);
        byte[] dataset = CopyRows.uuidField(datasetId);
        for (StagedRecord r : records) {
            rows.row(6).field(dataset).text(r.id()).jsonb(r.json()).timestamp(r.modifiedDate())
                    .timestamp(r.sourceModifiedDate()).bool(r.deleted());
        }
        copyIn("copy record_staging (dataset_id, record_id, data, modified_date, source_modified_date, deleted)"
                + " from stdin with (format binary)", rows);
    }

    /**
     * A page of a first sync straight into the cache (the caller's transaction makes it visible, or not, with
     * the pull). Fails with a {@link DuplicateKeyException} on a record id listed twice.
     */
    void copyIntoCache(DatasetRow dataset, List<StagedRecord> records) {
        lockConnection(dataset);
        CopyRows rows = new CopyRows(records.size() * 500);
        byte[] connection = CopyRows.uuidField(dataset.connectionId());
        byte[] dataType = CopyRows.textField(dataset.dataType());
        byte[] client = CopyRows.uuidField(dataset.clientId());
        byte[] company = CopyRows.uuidField(dataset.companyId());
        byte[] datasetId = CopyRows.uuidField(dataset.id());
        for (StagedRecord r : records) {
            rows.row(10).field(connection).field(dataType).text(r.id()).field(client).field(company).jsonb(r.json())
                    .timestamp(r.modifiedDate()).timestamp(r.sourceModifiedDate()).bool(r.deleted()).field(datasetId);
        }
        copyIn("copy record (connection_id, data_type, record_id, client_id, company_id, data, modified_date,"
                + " source_modified_date, deleted, dataset_id) from stdin with (format binary)", rows);
    }

    /**
     * Locks the dataset's company row, then its connection row, FOR KEY SHARE until the caller's transaction ends;
     * false when either is gone. The first locks of every sync transaction that writes more than one row, taken
     * before any other (advisory ones included): a company's DELETE locks the company row FOR UPDATE before anything
     * else, a connection's DELETE the company row FOR KEY SHARE and then the connection row FOR UPDATE, so a pull and
     * a delete wait for each other in one order only. FOR KEY SHARE holds up neither another pull's write of the rows
     * nor a PATCH or a status change.
     */
    boolean lockOwners(DatasetRow dataset) {
        boolean company = !jdbc.sql("select id from company where id = ? and client_id = ? for key share")
                .params(dataset.companyId(), dataset.clientId()).query(UUID.class).list().isEmpty();
        return company && !jdbc.sql("select id from connection where id = ? and company_id = ? for key share")
                .params(dataset.connectionId(), dataset.companyId()).query(UUID.class).list().isEmpty();
    }

    /**
     * Locks the dataset's connection row against deletion until the caller's transaction ends (the lock a foreign
     * key would take for every row, taken here once per write), and refuses the write when the connection is gone.
     * Every write into {@code record} goes through this, so no record outlives its connection: a deletion waits
     * for the writes, then its trigger deletes the records (V12).
     */
    void lockConnection(DatasetRow dataset) {
        boolean exists = !jdbc.sql("select id from connection where id = ? and company_id = ? for key share")
                .params(dataset.connectionId(), dataset.companyId()).query(UUID.class).list().isEmpty();
        if (!exists) {
            throw new DataIntegrityViolationException("Connection " + dataset.connectionId() + " of company "
                    + dataset.companyId() + " no longer exists; its records are not written");
        }
    }

    private void copyIn(String sql, CopyRows rows) {
        template.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows.stream(), 65536);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether the connection has any record of the data type cached, deleted or not. */
    boolean anyCached(UUID companyId, UUID connectionId, String dataType) {
        return jdbc.sql("select exists (select 1 from record where company_id = ? and data_type = ?"
                        + " and connection_id = ?)")
                .params(companyId, dataType, connectionId).query(Boolean.class).single();
    }

    /** How many rows are staged for the dataset. */
    long stagedCount(UUID datasetId) {
        return jdbc.sql("select count(*) from record_staging where dataset_id = ?").param(datasetId)
                .query(Long.class).single();
    }

    /** Stages a page row by row, replacing records already staged for the dataset. */
    void stage(UUID datasetId, List<StagedRecord> records) {
        template.batchUpdate("insert into record_staging (dataset_id, record_id, data, modified_date,"
                        + " source_modified_date, deleted) values (?, ?, ?::jsonb, ?, ?, ?)"
                        + " on conflict (dataset_id, record_id) do update set data = excluded.data,"
                        + " modified_date = excluded.modified_date, source_modified_date = excluded.source_modified_date,"
                        + " deleted = excluded.deleted",
                records, 1000, (ps, r) -> {
                    ps.setObject(1, datasetId);
                    ps.setString(2, r.id());
                    ps.setString(3, r.jsonText());
                    ps.setObject(4, ts(r.modifiedDate()));
                    ps.setObject(5, ts(r.sourceModifiedDate()));
                    ps.setBoolean(6, r.deleted());
                });
    }

    /**
     * Applies the staged records of {@code dataset} to the cache and empties its staging. A full sync also marks
     * cached records it did not see as deleted. Returns how many records were added, changed or deleted; a
     * record fetched again unchanged does not count. A deleted record keeps its last content.
     */
    int merge(DatasetRow dataset, boolean fullSync) {
        lockConnection(dataset);
        boolean first = !anyCached(dataset.companyId(), dataset.connectionId(), dataset.dataType());
        if (first) {
            // nothing cached yet (the caller holds the data type's lock): a plain insert, no conflicts to
            // resolve and nothing to mark deleted
            int inserted = jdbc.sql("insert into record (connection_id, data_type, record_id, client_id, company_id,"
                            + " data, modified_date, source_modified_date, deleted, dataset_id)"
                            + " select ?, ?, s.record_id, ?, ?, s.data, s.modified_date, s.source_modified_date,"
                            + " s.deleted, s.dataset_id from record_staging s where s.dataset_id = ?")
                    .params(dataset.connectionId(), dataset.dataType(), dataset.clientId(), dataset.companyId(),
                            dataset.id())
                    .update();
            clearStaging(dataset.id());
            return inserted;
        }
        int upserted = jdbc.sql("insert into record (connection_id, data_type, record_id, client_id, company_id, data,"
                        + " modified_date, source_modified_date, deleted, dataset_id)"
                        + " select ?, ?, s.record_id, ?, ?, s.data, s.modified_date, s.source_modified_date, s.deleted,"
                        + " s.dataset_id from record_staging s where s.dataset_id = ?"
                        + " on conflict (company_id, data_type, record_id, connection_id) do update set"
                        + " data = case when excluded.deleted then record.data else excluded.data end,"
                        + " modified_date = excluded.modified_date, source_modified_date = excluded.source_modified_date,"
                        + " deleted = excluded.deleted, dataset_id = excluded.dataset_id, updated_utc = now()"
                        + " where record.deleted <> excluded.deleted"
                        + " or (not excluded.deleted and record.data is distinct from excluded.data)")
                .params(dataset.connectionId(), dataset.dataType(), dataset.clientId(), dataset.companyId(),
                        dataset.id())
                .update();
        int deleted = 0;
        if (fullSync) {
            deleted = jdbc.sql("update record r set deleted = true, dataset_id = ?, updated_utc = now()"
                            + " where r.company_id = ? and r.data_type = ? and r.connection_id = ? and not r.deleted"
                            + " and not exists (select 1 from record_staging s where s.dataset_id = ?"
                            + " and s.record_id = r.record_id)")
                    .params(dataset.id(), dataset.companyId(), dataset.dataType(), dataset.connectionId(), dataset.id())
                    .update();
        }
        clearStaging(dataset.id());
        return upserted + deleted;
    }

    void clearStaging(UUID datasetId) {
        jdbc.sql("delete from record_staging where dataset_id = ?").param(datasetId).update();
    }

    /** Every live record of the data type the company has, from any connection, in id order. */
    List<String> allLive(UUID clientId, UUID companyId, String dataType) {
        return jdbc.sql("select data::text from record where client_id = ? and company_id = ? and data_type = ?"
                        + " and not deleted order by record_id")
                .params(clientId, companyId, dataType).query(String.class).list();
    }

    /** A page of the cache for the read API: JSON texts of live records, and how many match in all. */
    record Slice(List<String> json, long total) {}

    /**
     * A page of live records. In the default order (record id) the page is found through the {@link PageIndex}:
     * by its ids for one connection's listing, from the nearest anchor for a company-wide one; the count comes
     * from the same entry. In any other order only the count is reused. All exact: an index entry belongs to one
     * data version and is never used for another.
     */
    Slice page(UUID clientId, UUID companyId, UUID connectionId, String dataType, SqlWhere where, String orderSql,
            int limit, long offset) {
        StringBuilder filter = new StringBuilder(" from record where client_id = ? and company_id = ?"
                + " and data_type = ? and not deleted");
        List<Object> params = new ArrayList<>(List.of(clientId, companyId, dataType));
        if (connectionId != null) {
            filter.append(" and connection_id = ?");
            params.add(connectionId);
        }
        if (where != null) {
            filter.append(" and ").append(where.sql());
            params.addAll(where.params());
        }
        String key = version(clientId, companyId, connectionId, dataType) + "|" + filter + "|" + params;
        if (!"record_id".equals(orderSql)) {
            long total = pageIndex.get("count|" + key, () -> PageIndex.Entry.of(
                    jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single(), 1, List.of()))
                    .total();
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(limit);
            pageParams.add(offset);
            List<String> rows = jdbc.sql("select data::text" + filter + " order by " + orderSql
                            + " limit ? offset ?").params(pageParams).query(String.class).list();
            return new Slice(rows, total);
        }
        // record ids are unique within a connection, so one connection's page can be fetched by its ids
        int step = connectionId != null ? 1 : PageIndex.STEP;
        PageIndex.Entry index = pageIndex.get("ids|" + step + "|" + key, () -> ids(filter.toString(), params, step));
        if (offset >= index.total()) {
            return new Slice(List.of(), index.total());
        }
        if (step == 1) {
            int from = (int) offset;
            int to = (int) Math.min(index.size(), offset + limit);
            String[] ids = new String[to - from];
            for (int i = from; i < to; i++) {
                ids[i - from] = index.id(i);
            }
            List<String> rows = jdbc.sql("select data::text from record where connection_id = ? and data_type = ?"
                            + " and client_id = ? and company_id = ? and record_id = any(?) order by record_id")
                    .params(connectionId, dataType, clientId, companyId, ids).query(String.class).list();
            return new Slice(rows, index.total());
        }
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(index.anchorFor(offset));
        pageParams.add(limit);
        pageParams.add(offset % step);
        List<String> rows = jdbc.sql("select data::text" + filter + " and record_id >= ? order by record_id"
                + " limit ? offset ?").params(pageParams).query(String.class).list();
        return new Slice(rows, index.total());
    }

    /** One pass over the matches in id order: their number and every {@code step}-th id. */
    private PageIndex.Entry ids(String filter, List<Object> params, int step) {
        long[] total = {0};
        List<String> ids = new ArrayList<>();
        String sql = step == 1
                ? "select record_id, count(*) over () as total" + filter + " order by record_id"
                : "select record_id, total from (select record_id, row_number() over (order by record_id) - 1 as n,"
                        + " count(*) over () as total" + filter + ") matches where n % " + step + " = 0 order by n";
        jdbc.sql(sql).params(params).query(rs -> {
            total[0] = rs.getLong(2);
            ids.add(rs.getString(1));
        });
        return PageIndex.Entry.of(total[0], step, ids);
    }

    /**
     * The version of a listing's data: the last completion of each connection's data type, and the generation
     * of its evictions. Records change in {@link #merge}, which commits with its dataset's move to Complete, are
     * deleted by an eviction (a revoked consent), which bumps {@code record_eviction}, and go away with their
     * connection (and its datasets); each changes this text. Read in the caller's (repeatable-read)
     * transaction, so version and records come from one snapshot.
     */
    String version(UUID clientId, UUID companyId, UUID connectionId, String dataType) {
        List<Object> params = new ArrayList<>(List.of(clientId, companyId, dataType));
        if (connectionId != null) {
            params.add(connectionId);
        }
        String pulls = jdbc.sql("select coalesce(string_agg(connection_id || '@' || last, ',' order by connection_id),"
                        + " '') from (select connection_id, max(completed_utc) as last from dataset where client_id = ?"
                        + " and company_id = ? and data_type = ? and status = 'Complete'"
                        + (connectionId != null ? " and connection_id = ?" : "") + " group by connection_id) v")
                .params(params).query(String.class).single();
        // evictions of the company's connections that ever pulled the data type: only those can hold its records
        String evictions = jdbc.sql("select coalesce(string_agg(e.connection_id || ':' || e.generation, ','"
                        + " order by e.connection_id), '') from record_eviction e where e.data_type = ?"
                        + (connectionId != null ? " and e.connection_id = ?" : "") + " and e.connection_id in (select"
                        + " connection_id from dataset where client_id = ? and company_id = ? and data_type = ?)")
                .params(connectionId != null ? List.of(dataType, connectionId, clientId, companyId, dataType)
                        : List.of(dataType, clientId, companyId, dataType))
                .query(String.class).single();
        return pulls + "#" + evictions;
    }

    record Found(String json, boolean deleted) {}

    Optional<Found> find(UUID clientId, UUID companyId, UUID connectionId, String dataType, String recordId) {
        String sql = "select data::text, deleted from record where client_id = ? and company_id = ? and data_type = ?"
                + " and record_id = ?" + (connectionId != null ? " and connection_id = ?" : "")
                + " order by deleted, updated_utc desc limit 1";
        List<Object> params = new ArrayList<>(List.of(clientId, companyId, dataType, recordId));
        if (connectionId != null) {
            params.add(connectionId);
        }
        return jdbc.sql(sql).params(params).query((rs, i) -> new Found(rs.getString(1), rs.getBoolean(2))).optional();
    }
}
