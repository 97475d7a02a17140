package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code taxRates}: every {@code TaxRate} first (a company has few; they are read again on every run, as change data
 * capture does not cover them), then the {@code TaxCode}s page by page, each mapped with the rates it names. US
 * companies' pseudo codes {@code TAX} and {@code NON} are not entities and are not listed.
 */
final class QboTaxRateReader implements DataTypeReader {

    private final QuickBooksApi api;
    private final QboRecords records;
    private final QboLists lists;

    QboTaxRateReader(QuickBooksApi api, QboRecords records, QboLists lists) {
        this.api = api;
        this.records = records;
        this.lists = lists;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        Map<String, JsonNode> rates = new HashMap<>();
        for (int start = 1; ; start += QboEntityReader.MAX_RESULTS) {
            JsonNode page = api.query(context, "select * from TaxRate WHERE Active IN (true, false) ORDERBY Id"
                    + " STARTPOSITION " + start + " MAXRESULTS " + QboEntityReader.MAX_RESULTS).path("TaxRate");
            page.forEach(rate -> rates.put(QboValues.text(rate, "Id"), rate));
            if (page.size() < QboEntityReader.MAX_RESULTS) {
                break;
            }
        }
        new QboEntityReader(api, records, new QboEntityReader.Source("TaxCode", "Active IN (true, false)", null,
                (JsonNode code) -> (ConnectorRecord) lists.taxRate(code, rates)))
                .read(context, new ReadRequest(request.dataType(), null, null, null, request.cursor(),
                        request.pageSize()), sink);
    }
}
