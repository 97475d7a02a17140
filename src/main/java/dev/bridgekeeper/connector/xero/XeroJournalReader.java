package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads Xero's Journals, which page differently from every other list (developer.xero.com/documentation/api/
 * accounting/journals): {@code offset=n} answers the (at most) 100 journals numbered above n, in number order, with
 * no page size to choose and no page count; the cursor is the highest JournalNumber handed over, and a call that
 * answers fewer than 100 is the last. If-Modified-Since narrows them to journals created since.
 */
final class XeroJournalReader implements DataTypeReader {

    /** Xero answers this many journals a call, fixed. */
    static final int JOURNALS_PER_CALL = 100;

    private final XeroApi api;
    private final Function<JsonNode, ConnectorRecord> mapper;

    XeroJournalReader(XeroApi api, Function<JsonNode, ConnectorRecord> mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        long offset = request.cursor() == null ? 0 : Long.parseLong(request.cursor());
        while (true) {
            JsonNode envelope = api.get(context, "Journals", Map.of("offset", String.valueOf(offset)),
                    request.modifiedSince());
            JsonNode journals = envelope.path("Journals");
            List<ConnectorRecord> records = new ArrayList<>();
            long highest = offset;
            for (JsonNode journal : journals) {
                records.add(mapper.apply(journal));
                highest = Math.max(highest, journal.path("JournalNumber").asLong(0));
            }
            // fewer than a full call, or no progress (a misbehaving answer must not loop forever): the last one
            boolean last = journals.size() < JOURNALS_PER_CALL || highest <= offset;
            sink.accept(records, last ? null : String.valueOf(highest), last ? 100 : 50);
            if (last) {
                return;
            }
            offset = highest;
        }
    }
}
