package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import dev.bridgekeeper.connector.ReadsInTurn;
import java.util.List;

/**
 * One data type read from several QuickBooks entities in turn (directIncomes: SalesReceipt, RefundReceipt and
 * Deposit), each as its own {@link QboEntityReader} would read it, so each sends the very query (or change data
 * capture call) any other data type reading that entity sends ({@link ReadsInTurn}: cursor
 * {@code <Entity>/<that reader's cursor>}).
 */
final class QboSourcesReader implements QboChangeReader {

    private final List<String> entities;
    private final List<ReadsInTurn.Part> parts;

    QboSourcesReader(QuickBooksApi api, QboRecords records, List<QboEntityReader.Source> sources) {
        this.entities = sources.stream().map(QboEntityReader.Source::entity).toList();
        this.parts = sources.stream().map(source -> new ReadsInTurn.Part(source.entity(),
                new QboEntityReader(api, records, source))).toList();
    }

    @Override
    public List<String> changedEntities() {
        return entities;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        ReadsInTurn.read("QuickBooks", parts, context, request, sink);
    }
}
