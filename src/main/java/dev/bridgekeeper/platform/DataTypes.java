package dev.bridgekeeper.platform;

import java.util.List;
import java.util.Set;

/** The data type names of Codat's standard model, as they appear in paths, settings and the catalog. */
public final class DataTypes {

    public static final List<String> ALL = List.of(
            "accountTransactions", "balanceSheet", "bankAccounts", "bankTransactions", "billCreditNotes",
            "billPayments", "bills", "cashFlowStatement", "chartOfAccounts", "company", "creditNotes", "customers",
            "directCosts", "directIncomes", "invoices", "itemReceipts", "items", "journalEntries", "journals",
            "paymentMethods", "payments", "profitAndLoss", "purchaseOrders", "salesOrders", "suppliers", "taxRates",
            "trackingCategories", "transfers",
            "banking-accountBalances", "banking-accounts", "banking-transactionCategories", "banking-transactions",
            "commerce-companyInfo", "commerce-customers", "commerce-disputes", "commerce-locations", "commerce-orders",
            "commerce-paymentMethods", "commerce-payments", "commerce-productCategories", "commerce-products",
            "commerce-taxComponents", "commerce-transactions");

    /** The 23 data types Bridgekeeper syncs and serves from its cache. */
    public static final List<String> STANDARD = List.of(
            "company", "chartOfAccounts", "customers", "suppliers", "invoices", "bills", "payments", "billPayments",
            "creditNotes", "journalEntries", "balanceSheet", "profitAndLoss", "bankAccounts",
            "banking-accounts", "banking-transactions", "banking-accountBalances", "banking-transactionCategories",
            "commerce-companyInfo", "commerce-customers", "commerce-orders", "commerce-products", "commerce-payments",
            "commerce-transactions");

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private DataTypes() {}

    public static boolean isKnown(String dataType) {
        return KNOWN.contains(dataType);
    }
}
