package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import dev.bridgekeeper.connector.ReadsInTurn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code accountTransactions} ({@link XeroAccountTransactions}): first the organisation's bank accounts, with the
 * very request the {@code bankAccounts} reader sends (without If-Modified-Since: every bank account is needed to tell
 * whether a payment moved bank money), then the lists that move money, one after the other, each with the request
 * its own data types' readers send (receivable and payable Payments with the {@code payments} and
 * {@code billPayments} filters, BankTransactions, BankTransfers), shared with them ({@link ReadsInTurn}: cursor
 * {@code <list>/<that list's page>}).
 */
final class XeroAccountTransactionReader implements DataTypeReader {

    /** One list read in turn: its name in the cursor, its read for a mapper, and the mapping of its records. */
    record Source(String name, Function<Function<JsonNode, List<ConnectorRecord>>, XeroListReader.Endpoint> endpoint,
            BiFunction<XeroAccountTransactions, JsonNode, List<ConnectorRecord>> mapper) {}

    private final XeroApi api;
    private final JsonMapper json;
    private final XeroMapping mapping;
    private final Function<Function<JsonNode, List<ConnectorRecord>>, XeroListReader.Endpoint> bankAccounts;
    private final List<Source> sources;

    /** @param bankAccounts the {@code bankAccounts} data type's read, for a mapper */
    XeroAccountTransactionReader(XeroApi api, JsonMapper json, XeroMapping mapping,
            Function<Function<JsonNode, List<ConnectorRecord>>, XeroListReader.Endpoint> bankAccounts,
            List<Source> sources) {
        this.api = api;
        this.json = json;
        this.mapping = mapping;
        this.bankAccounts = bankAccounts;
        this.sources = List.copyOf(sources);
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        XeroAccountTransactions transactions = new XeroAccountTransactions(json, mapping, banks(context, request));
        List<ReadsInTurn.Part> parts = sources.stream().map(source -> new ReadsInTurn.Part(source.name(),
                new XeroListReader(api, source.endpoint().apply(item -> source.mapper().apply(transactions, item)))))
                .toList();
        ReadsInTurn.read("Xero", parts, context, request, sink);
    }

    /** The organisation's bank accounts, AccountID → Name, archived ones included. */
    private Map<String, String> banks(ReadContext context, ReadRequest request) {
        Map<String, String> banks = new HashMap<>();
        XeroListReader reader = new XeroListReader(api, bankAccounts.apply(account -> {
            String id = XeroMapping.text(account, "AccountID");
            if (id != null) {
                banks.put(id, XeroMapping.text(account, "Name"));
            }
            return List.of();
        }));
        reader.read(context, new ReadRequest("bankAccounts", null, null, null, null, request.pageSize()),
                (records, next, percent) -> { });
        return banks;
    }
}
