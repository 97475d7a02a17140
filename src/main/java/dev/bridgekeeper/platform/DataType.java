package dev.bridgekeeper.platform;

import java.util.List;
import java.util.Objects;

/**
 * One data type of Codat's standard model, described as data: what it is called, which kind of platform supplies
 * it, where the read API serves its records, which field dates a record for a sync-from window and which fields
 * hold money. Every module that needs to know something about a data type asks {@link DataTypes} for its entry.
 *
 * @param name        as it appears in paths, sync settings, the catalog and pull operations, e.g. {@code invoices}
 * @param source      the kind of platform that supplies it
 * @param synced      whether Bridgekeeper syncs it and serves it from its cache (the rest are Codat names it knows)
 * @param report      a monthly financial report, whose history a sync setting's {@code monthsToSync} bounds
 * @param endpoints   where the read API serves its records; empty for data types served only through a report
 * @param dateField   the record field a sync-from window compares, or null when records are never left out
 * @param moneyFields fields the query language compares and orders as numbers rather than as text
 */
public record DataType(String name, Source source, boolean synced, boolean report, List<Endpoint> endpoints,
        String dateField, List<String> moneyFields) {

    public DataType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        endpoints = List.copyOf(endpoints);
        moneyFields = List.copyOf(moneyFields);
    }

    /** The kinds of platform records come from, named as Codat's source types. */
    public enum Source { Accounting, Banking, Commerce }

    /** How a path of the read API is rooted: at the company, or at one of its connections. */
    public enum Scope {
        COMPANY("/companies/{companyId}/data/"),
        CONNECTION("/companies/{companyId}/connections/{connectionId}/data/");

        private final String base;

        Scope(String base) {
            this.base = base;
        }

        public String base() {
            return base;
        }
    }

    /**
     * One operation of the read API, as Codat's documents name it.
     *
     * @param id          the operationId, e.g. {@code list-invoices}
     * @param summary     e.g. "List invoices"
     * @param idParameter the path variable naming the record (get by id), or null
     */
    public record Operation(String id, String summary, String idParameter) {}

    /**
     * A path of the read API that serves the data type's records.
     *
     * <p>A paged list at {@code path} (filtered with {@code query}, ordered with {@code orderBy}) with, when
     * {@code get} is set, each record at {@code path/{idParameter}}; or, when {@code list} is null, the data type's
     * one record (company information) at {@code path}. A variable inside {@code path} (e.g. {@code {accountId}} in
     * {@code bankAccounts/{accountId}/bankTransactions}) keeps the records whose field of that name equals it.
     *
     * @param scope      where the path is rooted
     * @param path       below the scope's base, e.g. {@code invoices}
     * @param list       the list operation, or null for a single record
     * @param get        the operation reading one record, or null when Codat has none
     * @param schema     the component of the served OpenAPI document describing a record (Codat's schema), or null
     *                   where the document shows a plain object
     * @param pageSchema the component describing a page of them, or null likewise
     */
    public record Endpoint(Scope scope, String path, Operation list, Operation get, String schema,
            String pageSchema) {

        public Endpoint {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(path, "path");
            if (list == null && get == null) {
                throw new IllegalArgumentException("an endpoint lists records, reads one, or both: " + path);
            }
        }

        /** The path template of the list (or of the single record). */
        public String template() {
            return scope.base() + path;
        }

        /** The path template of one record, or null when there is no get by id. */
        public String recordTemplate() {
            return list == null || get == null ? null : template() + "/{" + get.idParameter() + "}";
        }
    }
}
