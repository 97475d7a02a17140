package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.ReadRequest;
import java.util.List;

/**
 * One data type read from several QuickBooks entities in turn (directIncomes: SalesReceipt, RefundReceipt and
 * Deposit), each as its own {@link QboEntityReader} would read it, so each sends the very query (or change data
 * capture call) any other data type reading that entity sends. The cursor is {@code <Entity>/<that reader's cursor>};
 * a cursor without an entity is the first one's, as a reader of that entity alone wrote it. A full read covers every
 * entity in one read, so a record none of them lists any more is marked deleted as usual.
 */
final class QboSourcesReader implements QboChangeReader {

    private final List<QboEntityReader.Source> sources;
    private final List<QboEntityReader> readers;

    QboSourcesReader(QuickBooksApi api, QboRecords records, List<QboEntityReader.Source> sources) {
        this.sources = List.copyOf(sources);
        this.readers = sources.stream().map(source -> new QboEntityReader(api, records, source)).toList();
    }

    @Override
    public List<String> changedEntities() {
        return sources.stream().map(QboEntityReader.Source::entity).toList();
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        int first = 0;
        String inner = request.cursor();
        int slash = inner == null ? -1 : inner.indexOf('/');
        if (slash >= 0) {
            first = index(inner.substring(0, slash));
            inner = slash + 1 < inner.length() ? inner.substring(slash + 1) : null;
        }
        int count = readers.size();
        for (int i = first; i < count; i++) {
            int at = i;
            ReadRequest part = new ReadRequest(request.dataType(), request.modifiedSince(), request.syncFrom(),
                    request.syncFromField(), inner, request.pageSize());
            readers.get(i).read(context, part, (records, next, percent) -> sink.accept(records,
                    next != null ? sources.get(at).entity() + "/" + next
                            : at + 1 < count ? sources.get(at + 1).entity() + "/" : null,
                    (at * 100 + percent) / count));
            inner = null;
        }
    }

    private int index(String entity) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).entity().equals(entity)) {
                return i;
            }
        }
        throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Unknown QuickBooks read position " + entity + "/….");
    }
}
