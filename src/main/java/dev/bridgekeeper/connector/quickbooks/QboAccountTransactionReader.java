package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code accountTransactions} and {@code bankTransactions} ({@link QboAccountTransactions}, each in its own
 * {@link QboAccountTransactions.Form}): first the company's bank and card accounts, with the very query the
 * {@code bankAccounts} reader sends, so a document can be told to move bank money; then the documents, entity after
 * entity, each with the query (or change data capture call) its own data type's reader sends. The two data types send
 * the same requests, so their pulls share the answers.
 */
final class QboAccountTransactionReader implements QboChangeReader {

    private final QuickBooksApi api;
    private final QboRecords records;
    private final QboAccountTransactions.Form form;

    QboAccountTransactionReader(QuickBooksApi api, QboRecords records, QboAccountTransactions.Form form) {
        this.api = api;
        this.records = records;
        this.form = form;
    }

    @Override
    public List<String> changedEntities() {
        return new QboAccountTransactions(records, Set.of(), form).sources().stream().map(QboEntityReader.Source::entity)
                .toList();
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        QboAccountTransactions transactions = new QboAccountTransactions(records, banks(context, request), form);
        new QboSourcesReader(api, records, transactions.sources()).read(context, request, sink);
    }

    private Set<String> banks(ReadContext context, ReadRequest request) {
        int size = Math.max(1, Math.min(QboEntityReader.MAX_RESULTS, request.pageSize()));
        Set<String> banks = new HashSet<>();
        for (int start = 1; ; start += size) {
            JsonNode page = api.query(context, "select * from Account WHERE " + QuickBooksConnector.BANK_ACCOUNTS
                    + " ORDERBY Id STARTPOSITION " + start + " MAXRESULTS " + size).path("Account");
            page.forEach(account -> banks.add(QboValues.text(account, "Id")));
            if (page.size() < size) {
                return banks;
            }
        }
    }
}
