package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.connection.DataConnectionError;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.platform.query.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The connection table. Every statement is scoped by client id. */
@Repository
class ConnectionStore {

    private static final TypeReference<List<DataConnectionError>> ERRORS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> INFO = new TypeReference<>() {};
    private static final String COLUMNS = "id, company_id, platform_key, source_type, status, created_utc,"
            + " last_sync_utc, data_connection_errors::text, connection_info::text";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConnectionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID clientId, ConnectionRow row) {
        jdbc.sql("insert into connection (id, client_id, company_id, platform_key, source_type, status, created_utc)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), clientId, row.companyId(), row.platformKey(), row.sourceType(), row.status().name(),
                        Timestamp.from(row.created()))
                .update();
    }

    Optional<ConnectionRow> find(UUID clientId, UUID companyId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from connection where client_id = ? and company_id = ? and id = ?")
                .params(clientId, companyId, id).query(this::row).optional();
    }

    record Found(UUID clientId, ConnectionRow row) {}

    /** The connection by its ids alone (for linkUrl, which a browser follows without credentials). */
    Optional<Found> findForLink(UUID companyId, UUID id) {
        return jdbc.sql("select client_id, " + COLUMNS + " from connection where company_id = ? and id = ?")
                .params(companyId, id)
                .query((rs, i) -> new Found(rs.getObject(1, UUID.class), rowFrom(rs, 1)))
                .optional();
    }

    /**
     * Locks the company row FOR KEY SHARE, then the connection row, until the transaction ends, so two changes cannot
     * interleave: FOR UPDATE to delete it (waits for the pulls writing its data, which take the same two rows in the
     * same order FOR KEY SHARE), FOR NO KEY UPDATE to change it (does not wait for them).
     */
    Optional<ConnectionRow> findForUpdate(UUID clientId, UUID companyId, UUID id, boolean toDelete) {
        // the company row first, as the pulls and the company's own delete take it: one lock order, no deadlock
        jdbc.sql("select id from company where client_id = ? and id = ? for key share").params(clientId, companyId)
                .query(UUID.class).list();
        return jdbc.sql("select " + COLUMNS + " from connection where client_id = ? and company_id = ? and id = ?"
                        + (toDelete ? " for update" : " for no key update"))
                .params(clientId, companyId, id).query(this::row).optional();
    }

    boolean hasAccountingConnection(UUID companyId) {
        return jdbc.sql("select count(*) from connection where company_id = ? and source_type = 'Accounting'")
                .param(companyId).query(Integer.class).single() > 0;
    }

    void update(UUID clientId, ConnectionRow row) {
        // the first time a row becomes Linked is remembered: the customer's first authorisation. lastSync is
        // left alone: only recordSync moves it, so a status change cannot put back an older value it read
        jdbc.sql("update connection set status = ?, data_connection_errors = cast(? as jsonb),"
                        + " connection_info = cast(? as jsonb),"
                        + " first_linked_utc = case when ? = 'Linked' then coalesce(first_linked_utc, now())"
                        + " else first_linked_utc end where client_id = ? and id = ?")
                .params(row.status().name(), json.writeValueAsString(row.errors()),
                        row.connectionInfo() == null ? null : json.writeValueAsString(row.connectionInfo()),
                        row.status().name(), clientId, row.id())
                .update();
    }

    /** When each of the company's connections was first Linked; connections never Linked are absent. */
    java.util.Map<UUID, java.time.Instant> firstLinked(UUID clientId, UUID companyId) {
        return jdbc.sql("select id, first_linked_utc from connection where client_id = ? and company_id = ?"
                        + " and first_linked_utc is not null")
                .params(clientId, companyId)
                .query((rs, i) -> java.util.Map.entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    void recordSync(UUID clientId, UUID companyId, UUID id, java.time.Instant completed) {
        jdbc.sql("update connection set last_sync_utc = greatest(last_sync_utc, ?) where client_id = ?"
                        + " and company_id = ? and id = ?")
                .params(java.sql.Timestamp.from(completed), clientId, companyId, id).update();
    }

    void updateAuthorization(UUID clientId, UUID id, String sealed) {
        jdbc.sql("update connection set authorization_sealed = ? where client_id = ? and id = ?")
                .params(sealed, clientId, id).update();
    }

    boolean delete(UUID clientId, UUID id) {
        return jdbc.sql("delete from connection where client_id = ? and id = ?").params(clientId, id).update() == 1;
    }

    record Slice(List<ConnectionRow> rows, long total) {}

    Slice list(UUID clientId, UUID companyId, SqlWhere filter, String orderBy, int limit, long offset) {
        String where = " from connection where client_id = ? and company_id = ?"
                + (filter == null ? "" : " and " + filter.sql());
        List<Object> params = new ArrayList<>(List.of(clientId, companyId));
        if (filter != null) {
            params.addAll(filter.params());
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        if (total == 0 || offset >= total) {
            return new Slice(List.of(), total);
        }
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        return new Slice(jdbc.sql("select " + COLUMNS + where + " order by " + orderBy + " limit ? offset ?")
                .params(pageParams).query(this::row).list(), total);
    }

    /** Every connection of the company, or only those in {@code status} when it is given, oldest first. */
    List<ConnectionRow> ofCompany(UUID clientId, UUID companyId, ConnectionStatus status) {
        return jdbc.sql("select " + COLUMNS + " from connection where client_id = ? and company_id = ?"
                        + (status == null ? "" : " and status = ?") + " order by created_utc, id")
                .params(status == null ? List.of(clientId, companyId) : List.of(clientId, companyId, status.name()))
                .query(this::row).list();
    }

    List<ConnectionRow> forCompanies(UUID clientId, Collection<UUID> companyIds) {
        if (companyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from connection where client_id = ? and company_id = any(?)"
                        + " order by created_utc, id")
                .params(clientId, companyIds.toArray(UUID[]::new)).query(this::row).list();
    }

    private ConnectionRow row(ResultSet rs, int i) throws SQLException {
        return rowFrom(rs, 0);
    }

    /** Reads the connection columns starting after {@code skip} leading columns. */
    private ConnectionRow rowFrom(ResultSet rs, int skip) throws SQLException {
        Timestamp lastSync = rs.getTimestamp(skip + 7);
        String info = rs.getString(skip + 9);
        return new ConnectionRow(rs.getObject(skip + 1, UUID.class), rs.getObject(skip + 2, UUID.class),
                rs.getString(skip + 3), rs.getString(skip + 4), ConnectionStatus.valueOf(rs.getString(skip + 5)),
                rs.getTimestamp(skip + 6).toInstant(), lastSync == null ? null : lastSync.toInstant(),
                json.readValue(rs.getString(skip + 8), ERRORS), info == null ? null : json.readValue(info, INFO));
    }
}
