package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageAhead;
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
 * answers fewer than 100 is the last. If-Modified-Since narrows them to journals created since. The read is
 * sequential by nature (about 285 calls for a typical small business), so each call goes out while the journals of
 * the one before are mapped and staged ({@link PageAhead}).
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
        // the next offset is the highest journal number of this call: it is asked for while this one is staged
        PageAhead.read(() -> call(context, request, offset), answer -> answer.last() ? null
                : () -> call(context, request, answer.highest()), answer -> {
                    List<ConnectorRecord> records = new ArrayList<>(answer.journals().size());
                    for (JsonNode journal : answer.journals()) {
                        records.add(mapper.apply(journal));
                    }
                    sink.accept(records, answer.last() ? null : String.valueOf(answer.highest()),
                            answer.last() ? 100 : 50);
                });
    }

    /** One call's journals and the highest number among them (the next call's offset). */
    private record Answer(JsonNode journals, long highest, boolean last) {}

    private Answer call(ReadContext context, ReadRequest request, long offset) {
        JsonNode journals = api.get(context, "Journals", Map.of("offset", String.valueOf(offset)),
                request.modifiedSince()).path("Journals");
        long highest = offset;
        for (JsonNode journal : journals) {
            highest = Math.max(highest, journal.path("JournalNumber").asLong(0));
        }
        // fewer than a full call, or no progress (a misbehaving answer must not loop forever): the last one
        return new Answer(journals, highest, journals.size() < JOURNALS_PER_CALL || highest <= offset);
    }
}
