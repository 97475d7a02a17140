package dev.bridgekeeper.platform.query;

import java.util.List;
import java.util.Objects;

/**
 * A WHERE fragment with positional {@code ?} placeholders and their values in order. AND/OR groups come
 * parenthesised, so {@code "WHERE client_id = ? AND " + sql} keeps its meaning.
 */
public record SqlWhere(String sql, List<Object> params) {

    public SqlWhere {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }

    /** The parameters as an array, the shape {@code JdbcTemplate} takes. */
    public Object[] paramArray() {
        return params.toArray();
    }
}
