package dev.bridgekeeper.company.internal;

import dev.bridgekeeper.platform.query.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The company table. Every statement is scoped by client id. */
@Repository
class CompanyStore {

    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, name, description, tags::text, products, created_utc, created_by_user_name, last_sync_utc";

    private static final String QUALIFIED_COLUMNS = "c.id, c.name, c.description, c.tags::text, c.products,"
            + " c.created_utc, c.created_by_user_name, c.last_sync_utc";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CompanyStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Sets last_sync_utc to {@code completed} unless it is already later. */
    void recordSync(UUID clientId, UUID companyId, java.time.Instant completed) {
        jdbc.sql("update company set last_sync_utc = greatest(last_sync_utc, ?) where client_id = ? and id = ?")
                .params(java.sql.Timestamp.from(completed), clientId, companyId).update();
    }

    /** Inserts the company and returns it as stored (e.g. its tags in the order jsonb keeps them), in one statement. */
    CompanyRow insert(UUID clientId, CompanyRow row) {
        return jdbc.sql("insert into company (id, client_id, name, description, tags, products, created_utc,"
                        + " created_by_user_name) values (?, ?, ?, ?, cast(? as jsonb), '{}', ?, ?) returning " + COLUMNS)
                .params(row.id(), clientId, row.name(), row.description(), json.writeValueAsString(row.tags()),
                        Timestamp.from(row.created()), row.createdByUserName())
                .query(this::row).single();
    }

    boolean update(UUID clientId, UUID id, String name, String description, Map<String, String> tags) {
        return jdbc.sql("update company set name = ?, description = ?, tags = cast(? as jsonb)"
                        + " where client_id = ? and id = ?")
                .params(name, description, json.writeValueAsString(tags), clientId, id)
                .update() == 1;
    }

    boolean addProduct(UUID clientId, UUID id, String product) {
        return jdbc.sql("update company set products = array_append(products, ?) where client_id = ? and id = ?")
                .params(product, clientId, id).update() == 1;
    }

    boolean removeProduct(UUID clientId, UUID id, String product) {
        return jdbc.sql("update company set products = array_remove(products, ?) where client_id = ? and id = ?")
                .params(product, clientId, id).update() == 1;
    }

    Optional<CompanyRow> find(UUID clientId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from company where client_id = ? and id = ?")
                .params(clientId, id).query(this::row).optional();
    }

    /** The client the company belongs to. */
    Optional<UUID> ownerOf(UUID id) {
        return jdbc.sql("select client_id from company where id = ?").param(id).query(UUID.class).optional();
    }

    /**
     * Locks the company row until the transaction ends: FOR UPDATE to delete it (waits for the pulls writing the
     * company's data, which hold FOR KEY SHARE), FOR NO KEY UPDATE to change it (does not wait for them).
     */
    Optional<CompanyRow> findForUpdate(UUID clientId, UUID id, boolean toDelete) {
        return jdbc.sql("select " + COLUMNS + " from company where client_id = ? and id = ?"
                        + (toDelete ? " for update" : " for no key update"))
                .params(clientId, id).query(this::row).optional();
    }

    boolean delete(UUID clientId, UUID id) {
        return jdbc.sql("delete from company where client_id = ? and id = ?").params(clientId, id).update() == 1;
    }

    record Slice(List<CompanyRow> rows, long total) {}

    /** One page of companies matching the filter, with the total count of matches. */
    Slice list(UUID clientId, SqlWhere filter, String orderBy, int limit, long offset) {
        String where = " from company where client_id = ?" + (filter == null ? "" : " and " + filter.sql());
        List<Object> params = new ArrayList<>();
        params.add(clientId);
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
        // Deferred join: the offset walks the narrow (client_id, created_utc, id) index only, and whole
        // rows are read for the one page that is returned, so page 100 costs about what page 1 does.
        String page = "select id" + where + " order by " + orderBy + " limit ? offset ?";
        List<CompanyRow> rows = jdbc.sql("select " + QUALIFIED_COLUMNS + " from unnest(array(" + page
                        + ")) with ordinality as p(id, ord) join company c on c.id = p.id order by p.ord")
                .params(pageParams).query(this::row).list();
        return new Slice(rows, total);
    }

    private CompanyRow row(ResultSet rs, int i) throws SQLException {
        Timestamp lastSync = rs.getTimestamp(8);
        return new CompanyRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                json.readValue(rs.getString(4), TAGS), Arrays.asList((String[]) rs.getArray(5).getArray()),
                rs.getTimestamp(6).toInstant(), rs.getString(7), lastSync == null ? null : lastSync.toInstant());
    }
}
