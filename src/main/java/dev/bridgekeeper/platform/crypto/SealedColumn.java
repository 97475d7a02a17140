package dev.bridgekeeper.platform.crypto;

import java.util.List;
import java.util.Objects;

/**
 * A column that holds values sealed with {@link SecretSealer}, declared as a bean by the module that owns its table,
 * so that key rotation finds every one: Bridgekeeper refuses to start while any value in it names an encryption key
 * that is not configured ({@link SealedColumns}), and, for a column declared with {@link #resealed}, the background
 * job {@code sealed-values-reseal} moves its values to the active key.
 *
 * @param table       the table (names are the code's own, never user input)
 * @param column      the sealed column ({@code v1.<keyId>.<base64>}, or null)
 * @param rowKey      the columns that identify a row, for the update
 * @param contextSql  an SQL expression over the row giving the context it was sealed with (e.g.
 *                    {@code 'webhook-secret:' || id}); null when the owning module re-seals the column itself
 */
public record SealedColumn(String table, String column, List<String> rowKey, String contextSql) {

    public SealedColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        rowKey = List.copyOf(rowKey);
    }

    /** A column the shared job re-seals: its rows are found by {@code rowKey}, their context computed by SQL. */
    public static SealedColumn resealed(String table, String column, List<String> rowKey, String contextSql) {
        return new SealedColumn(table, column, rowKey, Objects.requireNonNull(contextSql, "contextSql"));
    }

    /** A column its own module re-seals (it keeps other columns in step); only checked at start-up. */
    public static SealedColumn checkedOnly(String table, String column) {
        return new SealedColumn(table, column, List.of(), null);
    }

    public String name() {
        return table + "." + column;
    }
}
