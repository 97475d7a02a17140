package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.IncrementalSupport;
import dev.bridgekeeper.connector.RatePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * QuickBooks Online (Codat platform key {@code qhyg}). Reads, per data type: {@code company} ← CompanyInfo and
 * Preferences; {@code chartOfAccounts} ← Account; {@code customers} ← Customer; {@code suppliers} ← Vendor;
 * {@code invoices} ← Invoice; {@code bills} ← Bill; {@code payments} ← Payment; {@code billPayments} ← BillPayment;
 * {@code creditNotes} ← CreditMemo; {@code billCreditNotes} ← VendorCredit; {@code items} ← Item; {@code taxRates} ← TaxCode with its TaxRates;
 * {@code trackingCategories} ← Class and Department; {@code journalEntries} ← JournalEntry; {@code bankAccounts} ← Account of type Bank or Credit Card;
 * {@code purchaseOrders} ← PurchaseOrder; {@code directCosts} ← Purchase; {@code directIncomes} ← SalesReceipt,
 * RefundReceipt and the Deposit lines that link no other transaction;
 * {@code transfers} ← Transfer; {@code paymentMethods} ← PaymentMethod; {@code accountTransactions} ← the Payment,
 * BillPayment, Purchase, SalesReceipt, RefundReceipt, Deposit and Transfer that move money in or out of a bank or
 * card account; {@code bankTransactions} ← the same movements, as lines of their account's statement;
 * {@code profitAndLoss} and {@code balanceSheet} ← the ProfitAndLoss and BalanceSheet reports by month, six months
 * a call; {@code cashFlowStatement} ← the ProfitAndLoss on the cash basis, the same way (see
 * {@link dev.bridgekeeper.connector.CashFlowStatements}). List entities are read with their inactive records ({@code Active IN (true, false)}), which QuickBooks
 * leaves out otherwise.
 *
 * <p>Incremental reads use change data capture, which reaches back 30 days: a last read older than that (less an
 * hour for clocks that disagree) makes the next one full. One sync's change reads share one call asking for every
 * entity they read (see {@link QuickBooksApi#changes}). Company info, tax rates (CDC does not cover TaxCode and
 * TaxRate), tracking categories and the monthly statements are read whole every time. Intuit's limits (blogs.intuit.com, 2016-08-08
 * "QuickBooks Online API throttling"): per company (realm) and app, 500 requests a minute and 10 at once.
 */
@Component
class QuickBooksConnector implements Connector {

    static final String ID = "quickbooks-online";

    static final RatePolicy LIMITS = new RatePolicy(
            List.of(new RatePolicy.Limit("realm-minute", RatePolicy.Scope.TENANT, 500, Duration.ofMinutes(1))),
            List.of(new RatePolicy.Concurrency("realm-concurrent", RatePolicy.Scope.TENANT, 10)),
            Map.of());

    /** Change data capture answers changes up to 30 days old; an hour less leaves room for clocks that differ. */
    static final Duration CHANGES_REACH = Duration.ofDays(30).minusHours(1);

    private static final Set<String> WHOLE_EVERY_TIME = Set.of("company", "taxRates", "trackingCategories",
            "profitAndLoss", "balanceSheet", "cashFlowStatement");
    private static final String ALL = "Active IN (true, false)";
    /** The bank and credit card accounts, inactive ones too: bankAccounts, and what account/bank transactions count. */
    static final String BANK_ACCOUNTS = ALL + " AND AccountType IN ('Bank', 'Credit Card')";

    private final QuickBooksAuthorization authorization;
    private final Map<String, DataTypeReader> readers = new LinkedHashMap<>();
    /** Data type → the entities its incremental read asks change data capture about. */
    private final Map<String, List<String>> changedEntities = new HashMap<>();

    QuickBooksConnector(JsonMapper json, Clock clock) {
        QuickBooksApi api = new QuickBooksApi(json, dataType -> changedEntities.getOrDefault(dataType, List.of()));
        QboRecords records = new QboRecords(json);
        QboLists lists = new QboLists(records);
        QboLines documentLines = new QboLines(records);
        QboTransactions transactions = new QboTransactions(records, documentLines);
        QboCashTransactions cash = new QboCashTransactions(records, documentLines);
        this.authorization = new QuickBooksAuthorization(api);
        readers.put("company", new QboCompanyReader(api, lists, clock));
        readers.put("chartOfAccounts", entity(api, records, "Account", ALL, null, lists::account));
        readers.put("customers", entity(api, records, "Customer", ALL, null, lists::customer));
        readers.put("suppliers", entity(api, records, "Vendor", ALL, null, lists::supplier));
        readers.put("invoices", entity(api, records, "Invoice", null, "TxnDate", transactions::invoice));
        readers.put("bills", entity(api, records, "Bill", null, "TxnDate", transactions::bill));
        readers.put("payments", entity(api, records, "Payment", null, "TxnDate", transactions::payment));
        readers.put("billPayments", entity(api, records, "BillPayment", null, "TxnDate", transactions::billPayment));
        readers.put("creditNotes", entity(api, records, "CreditMemo", null, "TxnDate", transactions::creditNote));
        readers.put("billCreditNotes", entity(api, records, "VendorCredit", null, "TxnDate",
                transactions::billCreditNote));
        readers.put("items", entity(api, records, "Item", ALL, null, lists::item));
        readers.put("taxRates", new QboTaxRateReader(api, records, lists));
        readers.put("trackingCategories", new QboTrackingReader(api, records));
        readers.put("journalEntries", entity(api, records, "JournalEntry", null, "TxnDate",
                transactions::journalEntry));
        readers.put("purchaseOrders", entity(api, records, "PurchaseOrder", null, "TxnDate",
                transactions::purchaseOrder));
        readers.put("directCosts", entity(api, records, "Purchase", null, "TxnDate", cash::directCost));
        readers.put("directIncomes", new QboSourcesReader(api, records, List.of(
                new QboEntityReader.Source("SalesReceipt", null, "TxnDate", cash::directIncome),
                new QboEntityReader.Source("RefundReceipt", null, "TxnDate", cash::refundReceipt,
                        QboCashTransactions.REFUND_RECEIPT),
                new QboEntityReader.Source("Deposit", null, "TxnDate", cash::deposit, QboCashTransactions.DEPOSIT))));
        readers.put("transfers", entity(api, records, "Transfer", null, "TxnDate", cash::transfer));
        readers.put("paymentMethods", entity(api, records, "PaymentMethod", ALL, null, lists::paymentMethod));
        QboStatements statements = new QboStatements(records);
        readers.put("profitAndLoss", new QboStatementReader(api, "ProfitAndLoss", "Accrual",
                statements::profitAndLoss, clock));
        readers.put("balanceSheet", new QboStatementReader(api, "BalanceSheet", "Accrual", statements::balanceSheet,
                clock));
        readers.put("cashFlowStatement", new QboStatementReader(api, "ProfitAndLoss", "Cash",
                statements::cashFlowStatement, clock));
        readers.put("bankAccounts", entity(api, records, "Account", BANK_ACCOUNTS, null, lists::bankAccount));
        readers.put("accountTransactions", new QboAccountTransactionReader(api, records,
                QboAccountTransactions.ACCOUNT_TRANSACTION));
        readers.put("bankTransactions", new QboAccountTransactionReader(api, records, QboBankTransactions.LINE));
        readers.forEach((dataType, reader) -> {
            if (reader instanceof QboChangeReader changes && !WHOLE_EVERY_TIME.contains(dataType)) {
                changedEntities.put(dataType, changes.changedEntities());
            }
        });
    }

    private static DataTypeReader entity(QuickBooksApi api, QboRecords records, String entity, String where,
            String dateField, Function<JsonNode, ConnectorRecord> mapper) {
        return new QboEntityReader(api, records, new QboEntityReader.Source(entity, where, dateField, mapper));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AuthorizationAdapter authorization() {
        return authorization;
    }

    @Override
    public Optional<DataTypeReader> reader(String dataType) {
        return Optional.ofNullable(readers.get(dataType));
    }

    @Override
    public IncrementalSupport incremental(String dataType) {
        return WHOLE_EVERY_TIME.contains(dataType) ? IncrementalSupport.none()
                : IncrementalSupport.modifiedSince(CHANGES_REACH);
    }

    @Override
    public RatePolicy ratePolicy() {
        return LIMITS;
    }
}
