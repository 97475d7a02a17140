package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.IncrementalSupport;
import dev.bridgekeeper.connector.RatePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Xero (Codat platform key {@code gbol}). Reads Organisation, Accounts (chart of accounts and bank accounts),
 * Contacts (customers and suppliers, archived ones included), Invoices (invoices and bills), CreditNotes (credit
 * notes and bill credit notes), Payments (payments and bill payments), BankTransactions (bank transactions, direct
 * costs and direct incomes: one read, its pages shared), Journals (journal entries,
 * offset paging), TaxRates, TrackingCategories, Items, PurchaseOrders, BankTransfers (transfers) and the ProfitAndLoss
 * and BalanceSheet reports (monthly statements); account transactions from the bank accounts, Payments,
 * BankTransactions and BankTransfers, with the requests their own data types send, shared. docs/connectors/xero.md
 * has the table.
 * Paged lists ask for up to 1,000 records a page. Xero's documented limits (developer.xero.com/faq/limits): per
 * organisation 60 calls a minute, 5,000 a day and 5 in flight; per app 10,000 calls a minute.
 */
@Component
class XeroConnector implements Connector {

    static final String ID = "xero";

    static final RatePolicy LIMITS = new RatePolicy(
            List.of(new RatePolicy.Limit("tenant-minute", RatePolicy.Scope.TENANT, 60, Duration.ofMinutes(1)),
                    new RatePolicy.Limit("tenant-day", RatePolicy.Scope.TENANT, 5_000, Duration.ofDays(1)),
                    new RatePolicy.Limit("app-minute", RatePolicy.Scope.APP, 10_000, Duration.ofMinutes(1))),
            List.of(new RatePolicy.Concurrency("tenant-concurrent", RatePolicy.Scope.TENANT, 5)),
            Map.of("X-MinLimit-Remaining", "tenant-minute", "X-DayLimit-Remaining", "tenant-day",
                    "X-AppMinLimit-Remaining", "app-minute"));

    private static final Map<String, String> INCLUDE_ARCHIVED = Map.of("includeArchived", "true");
    /** Data types whose Xero endpoint takes no If-Modified-Since: read whole every time. */
    private static final Set<String> WHOLE = Set.of("company", "taxRates", "trackingCategories", "profitAndLoss",
            "balanceSheet", "cashFlowStatement", "transfers");

    private final XeroAuthorization authorization;
    private final XeroApi api;
    private final Map<String, DataTypeReader> readers;

    XeroConnector(JsonMapper json, Clock clock) {
        this.authorization = new XeroAuthorization(json);
        this.api = new XeroApi(json);
        XeroMapping mapping = new XeroMapping(json);
        XeroDocuments documents = new XeroDocuments(json, mapping);
        XeroBooks books = new XeroBooks(json, mapping);
        Map<String, DataTypeReader> readers = new LinkedHashMap<>();
        // shared with the reports, which ask the same Organisation for the currency
        readers.put("company", new XeroListReader(api, new XeroListReader.Endpoint("Organisation", false, null, null,
                Map.of(), false, XeroListReader.one(org -> mapping.company(org, clock.instant())), true)));
        readers.put("chartOfAccounts", list("Accounts", false, null, null, Map.of(), true, mapping::account));
        // bankAccounts, payments, billPayments, the three BankTransactions types and transfers: the requests
        // accountTransactions sends too, shared (see XeroAccountTransactionReader)
        readers.put("bankAccounts", read(bankAccountsRead(XeroListReader.one(books::bankAccount))));
        readers.put("customers", list("Contacts", true, "IsCustomer==true", null, INCLUDE_ARCHIVED, true,
                contact -> mapping.contact(contact, true)));
        readers.put("suppliers", list("Contacts", true, "IsSupplier==true", null, INCLUDE_ARCHIVED, true,
                contact -> mapping.contact(contact, false)));
        readers.put("invoices", list("Invoices", true, "Type==\"ACCREC\"", "Date", Map.of(), true,
                mapping::invoice));
        readers.put("bills", list("Invoices", true, "Type==\"ACCPAY\"", "Date", Map.of(), true,
                documents::bill));
        readers.put("creditNotes", list("CreditNotes", true, "Type==\"ACCRECCREDIT\"", "Date", Map.of(), true,
                cn -> documents.creditNote(cn, true)));
        readers.put("billCreditNotes", list("CreditNotes", true, "Type==\"ACCPAYCREDIT\"", "Date", Map.of(),
                true, cn -> documents.creditNote(cn, false)));
        readers.put("payments", read(paymentsRead(true, XeroListReader.one(p -> documents.payment(p, true)))));
        readers.put("billPayments", read(paymentsRead(false, XeroListReader.one(p -> documents.payment(p, false)))));
        // three data types from one list: the same request for each (no where on Type), shared, filtered here
        XeroCashTransactions cash = new XeroCashTransactions(json, mapping);
        readers.put("bankTransactions", read(bankTransactionsRead(XeroListReader.one(books::bankTransaction))));
        readers.put("directCosts", read(bankTransactionsRead(XeroListReader.one(cash::directCost))));
        readers.put("directIncomes", read(bankTransactionsRead(XeroListReader.one(cash::directIncome))));
        readers.put("journalEntries", new XeroJournalReader(api, books::journalEntry));
        readers.put("taxRates", list("TaxRates", false, null, null, Map.of(), false, books::taxRate));
        readers.put("trackingCategories", new XeroListReader(api, new XeroListReader.Endpoint("TrackingCategories",
                false, null, null, INCLUDE_ARCHIVED, false, books::trackingCategory)));
        readers.put("items", list("Items", false, null, null, Map.of(), true, books::item));
        // Xero's PurchaseOrders take no where filter: the from-date is not applied to them
        readers.put("purchaseOrders", list("PurchaseOrders", true, null, null, Map.of(), true,
                documents::purchaseOrder));
        readers.put("transfers", read(transfersRead(XeroListReader.one(books::transfer))));
        readers.put("accountTransactions", new XeroAccountTransactionReader(api, json, mapping,
                XeroConnector::bankAccountsRead, List.of(
                        new XeroAccountTransactionReader.Source("payments", m -> paymentsRead(true, m),
                                (t, p) -> t.payment(p, true)),
                        new XeroAccountTransactionReader.Source("billPayments", m -> paymentsRead(false, m),
                                (t, p) -> t.payment(p, false)),
                        new XeroAccountTransactionReader.Source("bankTransactions",
                                XeroConnector::bankTransactionsRead, XeroAccountTransactions::bankTransaction),
                        new XeroAccountTransactionReader.Source("transfers", XeroConnector::transfersRead,
                                XeroAccountTransactions::transfer))));
        readers.put("profitAndLoss", XeroReportReader.profitAndLoss(api, json, clock));
        readers.put("balanceSheet", XeroReportReader.balanceSheet(api, json, clock));
        readers.put("cashFlowStatement", XeroReportReader.cashFlowStatement(api, json, clock));
        this.readers = Map.copyOf(readers);
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
        return WHOLE.contains(dataType) ? IncrementalSupport.none() : IncrementalSupport.modifiedSince();
    }

    @Override
    public RatePolicy ratePolicy() {
        return LIMITS;
    }

    private XeroListReader list(String endpoint, boolean paged, String where, String dateField,
            Map<String, String> extra, boolean incremental, Function<JsonNode, ConnectorRecord> mapper) {
        return new XeroListReader(api, new XeroListReader.Endpoint(endpoint, paged, where, dateField, extra,
                incremental, XeroListReader.one(mapper)));
    }

    private XeroListReader read(XeroListReader.Endpoint endpoint) {
        return new XeroListReader(api, endpoint);
    }

    /** {@code GET /Accounts?where=Type=="BANK"}: bankAccounts, and accountTransactions' bank accounts. */
    static XeroListReader.Endpoint bankAccountsRead(Function<JsonNode, List<ConnectorRecord>> mapper) {
        return new XeroListReader.Endpoint("Accounts", false, "Type==\"BANK\"", null, Map.of(), true, mapper, true);
    }

    /** {@code GET /Payments} of the receivable (payments) or payable (billPayments) types. */
    static XeroListReader.Endpoint paymentsRead(boolean receivable,
            Function<JsonNode, List<ConnectorRecord>> mapper) {
        return new XeroListReader.Endpoint("Payments", true, anyOf("PaymentType", receivable
                ? XeroDocuments.RECEIVABLE_PAYMENTS : XeroDocuments.PAYABLE_PAYMENTS), "Date", Map.of(), true, mapper,
                true);
    }

    /** {@code GET /BankTransactions}, no filter on Type: every data type read from it filters locally. */
    static XeroListReader.Endpoint bankTransactionsRead(Function<JsonNode, List<ConnectorRecord>> mapper) {
        return new XeroListReader.Endpoint("BankTransactions", true, null, "Date", Map.of(), true, mapper, true);
    }

    /**
     * {@code GET /BankTransfers?includeDeleted=true}, read whole: If-Modified-Since compares a transfer's creation,
     * so it would miss a deletion.
     */
    static XeroListReader.Endpoint transfersRead(Function<JsonNode, List<ConnectorRecord>> mapper) {
        return new XeroListReader.Endpoint("BankTransfers", false, null, "Date", Map.of("includeDeleted", "true"),
                false, mapper, true);
    }

    /** Xero's filter for "field is one of these", e.g. {@code PaymentType=="A" OR PaymentType=="B"}. */
    private static String anyOf(String field, Set<String> values) {
        return values.stream().sorted().map(v -> field + "==\"" + v + "\"").collect(Collectors.joining(" OR "));
    }
}
