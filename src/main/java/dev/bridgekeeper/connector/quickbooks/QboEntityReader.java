package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.PageAhead;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.ReadRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads one QuickBooks entity into one Codat data type. A full read pages through the query endpoint
 * ({@code select * from Invoice ORDERBY Id STARTPOSITION n MAXRESULTS m}, at most 1,000 a page; cursor
 * {@code start:n}); an incremental one asks change data capture for what changed since the last read (cursor
 * {@code cdc:<instant>}), deletions included. CDC answers at most 1,000 objects per entity; a full answer is followed
 * by another from the latest change it held (the overlap is read twice, which the merge makes harmless).
 */
final class QboEntityReader implements QboChangeReader {

    /** Intuit's most results per query page. */
    static final int MAX_RESULTS = 1000;
    /** Intuit's most objects per entity in one CDC answer. */
    static final int CDC_MAX_OBJECTS = 1000;

    /**
     * @param entity    QuickBooks' entity, e.g. {@code Invoice}
     * @param where     conditions every query of this data type has (e.g. {@code Active IN (true, false)}), or null
     * @param dateField the entity's field the sync settings' from-date applies to ({@code TxnDate}), or null
     * @param mapper    QuickBooks entity → the standard-model records it stands for (none leaves it out of this
     *                  data type)
     * @param recordIds QuickBooks' Id → the ids of the records the entity may stand for, which a deletion's
     *                  tombstones name
     */
    record Source(String entity, String where, String dateField, Function<JsonNode, List<ConnectorRecord>> mapper,
            Function<String, List<String>> recordIds) {

        /** One record per entity, with QuickBooks' Id ({@code mapper} answers null to leave an entity out). */
        Source(String entity, String where, String dateField, Function<JsonNode, ConnectorRecord> mapper) {
            this(entity, where, dateField, mapper, "");
        }

        /**
         * One record per entity, whose id is QuickBooks' Id after {@code idPrefix} (several entities share the data
         * type: {@code refundReceipt-}); {@code mapper} answers null to leave an entity out.
         */
        Source(String entity, String where, String dateField, Function<JsonNode, ConnectorRecord> mapper,
                String idPrefix) {
            this(entity, where, dateField, node -> {
                ConnectorRecord record = mapper.apply(node);
                return record == null ? List.of() : List.of(record);
            }, id -> List.of(idPrefix + id));
        }
    }

    private final QuickBooksApi api;
    private final QboRecords records;
    private final Source source;

    QboEntityReader(QuickBooksApi api, QboRecords records, Source source) {
        this.api = api;
        this.records = records;
        this.source = source;
    }

    @Override
    public List<String> changedEntities() {
        return List.of(source.entity());
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        String cursor = request.cursor();
        if (cursor == null) {
            // from the start of the minute: the data types reading one entity (Purchase: direct costs and account
            // transactions) last started seconds apart, so they ask the same question and share one answer; the few
            // seconds of changes read again are merged as they are
            cursor = request.modifiedSince() != null
                    ? "cdc:" + request.modifiedSince().truncatedTo(ChronoUnit.MINUTES) : "start:1";
        }
        if (cursor.startsWith("cdc:")) {
            readChanges(context, request, instant(cursor.substring(4)), request.cursor() == null, sink);
        } else if (cursor.startsWith("start:")) {
            readAll(context, request, position(cursor.substring(6)), sink);
        } else {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Unknown QuickBooks read position " + cursor + ".");
        }
    }

    private void readAll(ReadContext context, ReadRequest request, int start, PageSink sink) {
        int size = Math.max(1, Math.min(MAX_RESULTS, request.pageSize()));
        String where = where(request);
        // a full page may have one after it: that call goes out while this page is mapped and staged
        PageAhead.read(() -> page(context, where, start, size), page -> page.last() ? null
                : () -> page(context, where, page.start() + size, size), page -> {
                    List<ConnectorRecord> out = new ArrayList<>();
                    for (JsonNode entity : page.listed()) {
                        out.addAll(source.mapper().apply(entity));
                    }
                    sink.accept(out, page.last() ? null : "start:" + (page.start() + size), page.last() ? 100 : 50);
                });
    }

    /** One query's entities, from 1-based position {@code start}; fewer than asked for means the last. */
    private record Page(JsonNode listed, int start, boolean last) {}

    private Page page(ReadContext context, String where, int start, int size) {
        JsonNode listed = api.query(context, "select * from " + source.entity() + where + " ORDERBY Id"
                + " STARTPOSITION " + start + " MAXRESULTS " + size).path(source.entity());
        return new Page(listed, start, listed.size() < size);
    }

    /** @param first whether the read begins here (not at a cursor handed over after a capped answer) */
    private void readChanges(ReadContext context, ReadRequest request, Instant since, boolean first, PageSink sink) {
        for (; ; first = false) {
            JsonNode changed = api.changes(context, source.entity(), since, first).path(source.entity());
            List<ConnectorRecord> out = new ArrayList<>();
            Instant latest = since;
            for (JsonNode entity : changed) {
                Instant updated = QboValues.updated(entity);
                if (updated != null && updated.isAfter(latest)) {
                    latest = updated;
                }
                if (QboRecords.isDeleted(entity)) {
                    for (String id : source.recordIds().apply(QboValues.text(entity, "Id"))) {
                        out.add(records.tombstone(entity, id));
                    }
                } else if (!beforeSyncFrom(entity, request)) {
                    out.addAll(source.mapper().apply(entity));
                }
            }
            boolean capped = changed.size() >= CDC_MAX_OBJECTS;
            if (capped && !latest.isAfter(since)) {
                throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "QuickBooks reported more than "
                        + CDC_MAX_OBJECTS + " changes of " + source.entity() + " at one instant; read it in full.");
            }
            sink.accept(out, capped ? "cdc:" + latest : null, capped ? 50 : 100);
            if (!capped) {
                return;
            }
            since = latest;
        }
    }

    /** The data type's conditions and the sync settings' from-date, as a WHERE clause (or nothing). */
    private String where(ReadRequest request) {
        List<String> conditions = new ArrayList<>();
        if (source.where() != null) {
            conditions.add(source.where());
        }
        if (request.syncFrom() != null && source.dateField() != null) {
            conditions.add(source.dateField() + " >= '" + LocalDate.ofInstant(request.syncFrom(), ZoneOffset.UTC)
                    + "'");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private boolean beforeSyncFrom(JsonNode entity, ReadRequest request) {
        if (request.syncFrom() == null || source.dateField() == null) {
            return false;
        }
        String date = QboValues.text(entity, source.dateField());
        try {
            return date != null && LocalDate.parse(date).isBefore(LocalDate.ofInstant(request.syncFrom(),
                    ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Unknown QuickBooks read position cdc:" + text + ".");
        }
    }

    private static int position(String text) {
        try {
            return Math.max(1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Unknown QuickBooks read position start:" + text
                    + ".");
        }
    }
}
