package dev.bridgekeeper.platform;

import java.util.Locale;
import java.util.Map;

/**
 * Every data type of the registry ({@link DataTypes#all()}) in the words a customer reads on a consent screen ("chart of
 * accounts", not {@code chartOfAccounts}). The Link UI's {@code plainDataType} (frontend/packages/link/src/text.ts)
 * holds the same words; a test compares the two lists.
 */
public final class DataTypeNames {

    private static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("accountTransactions", "account transactions"),
            Map.entry("balanceSheet", "balance sheet"),
            Map.entry("bankAccounts", "bank accounts"),
            Map.entry("bankTransactions", "bank transactions"),
            Map.entry("billCreditNotes", "credit notes from suppliers"),
            Map.entry("billPayments", "bill payments"),
            Map.entry("bills", "bills"),
            Map.entry("cashFlowStatement", "cash flow statement"),
            Map.entry("chartOfAccounts", "chart of accounts"),
            Map.entry("company", "company information"),
            Map.entry("creditNotes", "credit notes"),
            Map.entry("customers", "customers"),
            Map.entry("directCosts", "direct costs"),
            Map.entry("directIncomes", "direct income"),
            Map.entry("invoices", "invoices"),
            Map.entry("items", "products and services"),
            Map.entry("journalEntries", "journal entries"),
            Map.entry("journals", "journals"),
            Map.entry("paymentMethods", "payment methods"),
            Map.entry("payments", "payments"),
            Map.entry("profitAndLoss", "profit and loss"),
            Map.entry("purchaseOrders", "purchase orders"),
            Map.entry("salesOrders", "sales orders"),
            Map.entry("suppliers", "suppliers"),
            Map.entry("taxRates", "tax rates"),
            Map.entry("trackingCategories", "tracking categories"),
            Map.entry("transfers", "transfers"),
            Map.entry("banking-accountBalances", "account balances"),
            Map.entry("banking-accounts", "bank accounts"),
            Map.entry("banking-transactionCategories", "transaction categories"),
            Map.entry("banking-transactions", "bank transactions"),
            Map.entry("commerce-companyInfo", "store details"),
            Map.entry("commerce-customers", "customers"),
            Map.entry("commerce-disputes", "disputes"),
            Map.entry("commerce-locations", "locations"),
            Map.entry("commerce-orders", "orders"),
            Map.entry("commerce-paymentMethods", "payment methods"),
            Map.entry("commerce-payments", "payments"),
            Map.entry("commerce-productCategories", "product categories"),
            Map.entry("commerce-products", "products"),
            Map.entry("commerce-taxComponents", "tax components"),
            Map.entry("commerce-transactions", "transactions"));

    private DataTypeNames() {}

    /** The data type in plain lower-case words; an unknown key with its prefix dropped and camel case split. */
    public static String plain(String dataType) {
        String known = PLAIN.get(dataType);
        if (known != null) {
            return known;
        }
        return dataType.replaceFirst("^[a-z]+-", "").replace('_', ' ').replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
    }

    /** The plain words with a capital first letter, for a list item. */
    public static String listItem(String dataType) {
        String plain = plain(dataType);
        return plain.isEmpty() ? plain : Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
    }

    /** The whole table, for comparing it with the Link UI's. */
    public static Map<String, String> all() {
        return PLAIN;
    }
}
