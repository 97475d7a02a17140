package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageAhead;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads one Xero endpoint into one Codat data type: page by page where Xero pages ({@code page=n}, up to 1,000
 * records; the cursor is the next page number), in one call where it does not; with {@code If-Modified-Since} for
 * incremental reads; filtered by a {@code where} expression when one Xero list holds several Codat data types
 * (Contacts: customers and suppliers; Invoices: ACCREC invoices and ACCPAY bills; CreditNotes; Payments).
 */
final class XeroListReader implements DataTypeReader {

    /** Xero's most records per page. */
    static final int MAX_PAGE_SIZE = 1000;

    /**
     * @param endpoint    e.g. {@code Contacts}; the envelope's array has the same name
     * @param paged       whether Xero pages the endpoint ({@code page}, {@code pageSize})
     * @param where       Xero's filter for this data type, or null
     * @param dateField   Xero's field dating a record, for the sync settings' from-date; null when none
     * @param extra       further query parameters (e.g. {@code includeArchived=true})
     * @param incremental whether the endpoint takes If-Modified-Since
     * @param mapper      Xero record → its standard-model records (none to leave it out; several where Xero nests
     *                    what Codat lists flat, e.g. tracking categories and their options)
     * @param shared      whether the pages are shared with the connection's other reads of the same endpoint
     *                    ({@link dev.bridgekeeper.connector.PlatformHttp#sharingAnswers()}): the data types read
     *                    from one list ask exactly the same and filter locally, so a first sync reads it once
     */
    record Endpoint(String endpoint, boolean paged, String where, String dateField, Map<String, String> extra,
            boolean incremental, Function<JsonNode, List<ConnectorRecord>> mapper, boolean shared) {

        Endpoint(String endpoint, boolean paged, String where, String dateField, Map<String, String> extra,
                boolean incremental, Function<JsonNode, List<ConnectorRecord>> mapper) {
            this(endpoint, paged, where, dateField, extra, incremental, mapper, false);
        }
    }

    /** A mapper giving one record, or none for null. */
    static Function<JsonNode, List<ConnectorRecord>> one(Function<JsonNode, ConnectorRecord> mapper) {
        return item -> {
            ConnectorRecord record = mapper.apply(item);
            return record == null ? List.of() : List.of(record);
        };
    }

    private final XeroApi api;
    private final Endpoint endpoint;

    XeroListReader(XeroApi api, Endpoint endpoint) {
        this.api = api;
        this.endpoint = endpoint;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        int pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, request.pageSize()));
        int first = request.cursor() == null ? 1 : Integer.parseInt(request.cursor());
        Instant modifiedSince = endpoint.incremental() ? request.modifiedSince() : null;
        // the data types sharing a list last started reading seconds apart: from the same minute on, they send the
        // same request (a few more seconds of changes read again are merged as they are)
        Instant since = modifiedSince != null && endpoint.shared() ? modifiedSince.truncatedTo(ChronoUnit.MINUTES)
                : modifiedSince;
        // a page that is not the last has one after it: that call goes out while this page is mapped and staged
        PageAhead.read(() -> call(context, request, since, first, pageSize), answer -> answer.last() ? null
                : () -> call(context, request, since, answer.page() + 1, pageSize), answer -> {
                    List<ConnectorRecord> records = new ArrayList<>();
                    for (JsonNode item : answer.listed()) {
                        records.addAll(endpoint.mapper().apply(item));
                    }
                    int percent = answer.last() ? 100 : answer.pageCount() > 0
                            ? (int) (100L * answer.page() / answer.pageCount()) : 50;
                    sink.accept(records, answer.last() ? null : String.valueOf(answer.page() + 1), percent);
                });
    }

    /** One call's records, its page number and Xero's page count (-1 when not given). */
    private record Answer(JsonNode listed, int page, int pageCount, boolean last) {}

    private Answer call(ReadContext context, ReadRequest request, Instant since, int page, int pageSize) {
        Map<String, String> query = new LinkedHashMap<>();
        if (endpoint.paged()) {
            query.put("page", String.valueOf(page));
            query.put("pageSize", String.valueOf(pageSize));
        }
        query.putAll(endpoint.extra());
        String where = where(request);
        if (where != null) {
            query.put("where", where);
        }
        JsonNode envelope = api.get(context, endpoint.endpoint(), query, since, endpoint.shared());
        // the envelope's list is named after the endpoint, except Organisation's (Organisations)
        JsonNode listed = envelope.path(endpoint.endpoint().equals("Organisation") ? "Organisations"
                : endpoint.endpoint());
        int pageCount = envelope.path("pagination").path("pageCount").asInt(-1);
        boolean last = !endpoint.paged() || listed.size() < pageSize || pageCount >= 0 && page >= pageCount;
        return new Answer(listed, page, pageCount, last);
    }

    /** The data type's filter, and the sync settings' from-date when the endpoint dates its records. */
    private String where(ReadRequest request) {
        String from = null;
        if (request.syncFrom() != null && endpoint.dateField() != null) {
            LocalDate day = LocalDate.ofInstant(request.syncFrom(), ZoneOffset.UTC);
            from = endpoint.dateField() + ">=DateTime(" + day.getYear() + "," + day.getMonthValue() + ","
                    + day.getDayOfMonth() + ")";
        }
        if (endpoint.where() == null) {
            return from;
        }
        return from == null ? endpoint.where() : "(" + endpoint.where() + ") AND " + from;
    }
}
