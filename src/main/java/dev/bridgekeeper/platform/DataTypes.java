package dev.bridgekeeper.platform;

import static dev.bridgekeeper.platform.DataType.Scope.COMPANY;
import static dev.bridgekeeper.platform.DataType.Scope.CONNECTION;
import static dev.bridgekeeper.platform.DataType.Source.Accounting;
import static dev.bridgekeeper.platform.DataType.Source.Banking;
import static dev.bridgekeeper.platform.DataType.Source.Commerce;

import dev.bridgekeeper.platform.DataType.Endpoint;
import dev.bridgekeeper.platform.DataType.Operation;
import dev.bridgekeeper.platform.DataType.Scope;
import dev.bridgekeeper.platform.DataType.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of data types: every name of Codat's standard model, in Codat's order, and for those Bridgekeeper
 * syncs everything the other modules need to know about them (see {@link DataType}). A new data type is one
 * entry here, plus its records in a platform.
 *
 * <p>It lives in the shared kernel because the catalog (integration), the sync settings (settings), consent and
 * the sync engine all check names against it, and sync depends on settings and integration: a registry in the
 * sync module would make those modules depend on it and close a cycle. It holds no behaviour and no storage.
 * Which products use a data type is configuration, not part of it: {@code Products.usingDataType} answers that.
 */
public final class DataTypes {

    private static final Map<String, DataType> BY_NAME = new LinkedHashMap<>();

    static {
        // accounting, Codat's order
        add(synced("accountTransactions", Accounting, codat(CONNECTION, "accountTransactions",
                "account transactions", "account transaction", "accountTransactionId", "AccountTransaction"), "date",
                "totalAmount"));
        add(report("balanceSheet", "date"));
        add(synced("bankAccounts", Accounting, list(CONNECTION, "bankAccounts", "list-bank-accounts",
                "List bank accounts", "get-bank-account", "Get bank account", "accountId"), null,
                "balance.current", "balance.available", "balance", "availableBalance"));
        add(synced("bankTransactions", Accounting, new Endpoint(CONNECTION, "bankAccounts/{accountId}/bankTransactions",
                new Operation("list-bank-account-transactions", "List bank account transactions", null), null,
                "AccountingBankTransaction", "AccountingBankTransactions"), "clearedOnDate", "amount", "balance"));
        add(synced("billCreditNotes", Accounting, codat(COMPANY, "billCreditNotes", "bill credit notes",
                "bill credit note", "billCreditNoteId", "BillCreditNote"), "issueDate", "totalAmount", "subTotal",
                "totalTaxAmount", "totalDiscount", "remainingCredit"));
        add(synced("billPayments", Accounting, list(COMPANY, "billPayments", "list-bill-payments",
                "List bill payments", "get-bill-payments", "Get bill payment", "billPaymentId"), "date",
                "totalAmount"));
        add(synced("bills", Accounting, list(COMPANY, "bills", "list-bills", "List bills", "get-bill", "Get bill",
                "billId"), "issueDate", "totalAmount", "subTotal", "amountDue", "taxAmount"));
        add(report("cashFlowStatement", "fromDate"));
        add(synced("chartOfAccounts", Accounting, list(COMPANY, "accounts", "list-accounts", "List accounts",
                "get-account", "Get account", "accountId"), null, "currentBalance"));
        add(synced("company", Accounting, single(COMPANY, "info", "get-company-info", "Get company info"), null));
        add(synced("creditNotes", Accounting, list(COMPANY, "creditNotes", "list-credit-notes", "List credit notes",
                "get-credit-note", "Get credit note", "creditNoteId"), "issueDate", "totalAmount", "subTotal",
                "totalTaxAmount", "remainingCredit"));
        add(synced("customers", Accounting, list(COMPANY, "customers", "list-customers", "List customers",
                "get-customer", "Get customer", "customerId"), null));
        add(synced("directCosts", Accounting, codat(CONNECTION, "directCosts", "direct costs", "direct cost",
                "directCostId", "DirectCost"), "issueDate", "totalAmount", "subTotal", "taxAmount"));
        add(synced("directIncomes", Accounting, codat(CONNECTION, "directIncomes", "direct incomes", "direct income",
                "directIncomeId", "DirectIncome"), "issueDate", "totalAmount", "subTotal", "taxAmount"));
        add(synced("invoices", Accounting, list(COMPANY, "invoices", "list-invoices", "List invoices",
                "get-invoice", "Get invoice", "invoiceId"), "issueDate", "totalAmount", "subTotal", "totalTaxAmount",
                "amountDue"));
        add(synced("items", Accounting, codat(COMPANY, "items", "items", "item", "itemId", "Item"), null,
                "billItem.unitPrice", "invoiceItem.unitPrice"));
        add(synced("journalEntries", Accounting, list(COMPANY, "journalEntries", "list-journal-entries",
                "List journal entries", "get-journal-entry", "Get journal entry", "journalEntryId"), "postedOn"));
        add(synced("journals", Accounting, codat(COMPANY, "journals", "journals", "journal", "journalId",
                "Journal"), null));
        add(synced("paymentMethods", Accounting, codat(COMPANY, "paymentMethods", "payment methods",
                "payment method", "paymentMethodId", "PaymentMethod"), null));
        add(synced("payments", Accounting, list(COMPANY, "payments", "list-payments", "List payments",
                "get-payment", "Get payment", "paymentId"), "date", "totalAmount"));
        add(report("profitAndLoss", "fromDate"));
        add(synced("purchaseOrders", Accounting, codat(COMPANY, "purchaseOrders", "purchase orders",
                "purchase order", "purchaseOrderId", "PurchaseOrder"), "issueDate", "totalAmount", "subTotal",
                "totalTaxAmount", "totalDiscount"));
        add(known("salesOrders", Accounting));
        add(synced("suppliers", Accounting, list(COMPANY, "suppliers", "list-suppliers", "List suppliers",
                "get-supplier", "Get supplier", "supplierId"), null));
        add(synced("taxRates", Accounting, codat(COMPANY, "taxRates", "tax rates", "tax rate", "taxRateId",
                "TaxRate"), null, "effectiveTaxRate", "totalTaxRate"));
        add(synced("trackingCategories", Accounting, new Endpoint(COMPANY, "trackingCategories",
                new Operation("list-tracking-categories", "List tracking categories", null),
                new Operation("get-tracking-category", "Get tracking category", "trackingCategoryId"),
                "AccountingTrackingCategory", "AccountingTrackingCategories"), null));
        add(synced("transfers", Accounting, codat(CONNECTION, "transfers", "transfers", "transfer", "transferId",
                "Transfer"), "date", "from.amount", "to.amount"));
        // banking
        add(synced("banking-accountBalances", Banking, list(CONNECTION, "banking-accountBalances",
                "list-banking-account-balances", "List banking account balances", null, null, null), null,
                "balance.current", "balance.available", "balance"));
        add(synced("banking-accounts", Banking, list(CONNECTION, "banking-accounts", "list-banking-accounts",
                "List banking accounts", "get-banking-account", "Get banking account", "accountId"), null,
                "balance.current", "balance.available", "balance"));
        add(synced("banking-transactionCategories", Banking, list(CONNECTION, "banking-transactionCategories",
                "list-banking-transaction-categories", "List banking transaction categories",
                "get-banking-transaction-category", "Get banking transaction category", "transactionCategoryId"),
                null));
        add(synced("banking-transactions", Banking, list(CONNECTION, "banking-transactions",
                "list-banking-transactions", "List banking transactions", "get-banking-transaction",
                "Get banking transaction", "transactionId"), "postedDate", "amount"));
        // commerce
        add(synced("commerce-companyInfo", Commerce, single(CONNECTION, "commerce-info", "get-commerce-company-info",
                "Get commerce company info"), null));
        add(synced("commerce-customers", Commerce, commerce("customers", "customer", "customerId"), null));
        add(known("commerce-disputes", Commerce));
        add(known("commerce-locations", Commerce));
        add(synced("commerce-orders", Commerce, commerce("orders", "order", "orderId"), "createdDate", "totalAmount",
                "totalTaxAmount"));
        add(known("commerce-paymentMethods", Commerce));
        add(synced("commerce-payments", Commerce, commerce("payments", "payment", "paymentId"), "createdDate",
                "amount"));
        add(known("commerce-productCategories", Commerce));
        add(synced("commerce-products", Commerce, commerce("products", "product", "productId"), null));
        add(known("commerce-taxComponents", Commerce));
        add(synced("commerce-transactions", Commerce, commerce("transactions", "transaction", "transactionId"),
                "createdDate", "totalAmount"));
    }

    private DataTypes() {}

    /** Every data type, in Codat's order (accounting, banking, commerce). */
    public static List<DataType> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The data types Bridgekeeper syncs and serves, in Codat's order. */
    public static List<DataType> synced() {
        return BY_NAME.values().stream().filter(DataType::synced).toList();
    }

    /** Their names, in Codat's order. */
    public static List<String> syncedNames() {
        return synced().stream().map(DataType::name).toList();
    }

    public static Optional<DataType> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** True for any of Codat's data type names, synced or not. */
    public static boolean isKnown(String name) {
        return find(name).isPresent();
    }

    /** True for a data type Bridgekeeper syncs and serves. */
    public static boolean isSynced(String name) {
        return find(name).map(DataType::synced).orElse(false);
    }

    // ---- building the entries

    private static void add(DataType type) {
        if (BY_NAME.putIfAbsent(type.name(), type) != null) {
            throw new IllegalStateException("data type " + type.name() + " is registered twice");
        }
    }

    /** A name of Codat's model that Bridgekeeper does not sync. */
    private static DataType known(String name, Source source) {
        return new DataType(name, source, false, false, List.of(), null, List.of());
    }

    private static DataType synced(String name, Source source, Endpoint endpoint, String dateField,
            String... moneyFields) {
        return new DataType(name, source, true, false, List.of(endpoint), dateField, List.of(moneyFields));
    }

    /** A monthly accounting report, served through the financial statements rather than as records. */
    private static DataType report(String name, String dateField) {
        return new DataType(name, Accounting, true, true, List.of(), dateField, List.of());
    }

    private static Endpoint list(Scope scope, String path, String listId, String listSummary, String getId,
            String getSummary, String idParameter) {
        return new Endpoint(scope, path, new Operation(listId, listSummary, null),
                getId == null ? null : new Operation(getId, getSummary, idParameter), null, null);
    }

    private static Endpoint single(Scope scope, String path, String id, String summary) {
        return new Endpoint(scope, path, null, new Operation(id, summary, null), null, null);
    }

    /**
     * An accounting endpoint documented with Codat's schema: {@code Accounting<Schema>} for a record and
     * {@code Accounting<Schema>s} for a page of them (Codat's Lending document's names), operation ids and
     * summaries from the plural and singular words, e.g. {@code list-tax-rates}, "Get tax rate".
     */
    private static Endpoint codat(Scope scope, String path, String plural, String singular, String idParameter,
            String schema) {
        return new Endpoint(scope, path, new Operation("list-" + plural.replace(' ', '-'), "List " + plural, null),
                new Operation("get-" + singular.replace(' ', '-'), "Get " + singular, idParameter),
                "Accounting" + schema, "Accounting" + schema + "s");
    }

    /** Codat's commerce endpoints: per connection, ids and summaries prefixed with "commerce". */
    private static Endpoint commerce(String plural, String singular, String idParameter) {
        return list(CONNECTION, "commerce-" + plural, "list-commerce-" + plural, "List commerce " + plural,
                "get-commerce-" + singular, "Get commerce " + singular, idParameter);
    }
}
