package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.companyName;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.dateTime;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.ref;

import dev.bridgekeeper.sandbox.internal.AccountingCashbook.Line;
import dev.bridgekeeper.sandbox.internal.AccountingCashbook.Transfer;
import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Document;
import dev.bridgekeeper.sandbox.internal.AccountingLedger.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sandbox Accounting's money movements as records: direct costs and incomes (paid at once from the current
 * account), transfers between bank accounts, and the cashbook's lines as bank transactions (per bank account, with
 * running balances) and as account transactions (each line with the record behind it).
 */
final class AccountingTransactions {

    private final AccountingDocuments documents;
    private final AccountingCashbook cashbook;

    AccountingTransactions(AccountingDocuments documents, AccountingCashbook cashbook) {
        this.documents = documents;
        this.cashbook = cashbook;
    }

    int count(String dataType) {
        return switch (dataType) {
            case "directCosts" -> documents.directCosts();
            case "directIncomes" -> documents.directIncomes();
            case "transfers" -> cashbook.transfers().size();
            case "bankTransactions", "accountTransactions" -> cashbook.lines().size();
            default -> 0;
        };
    }

    void fill(Map<String, Object> r, String dataType, int index) {
        switch (dataType) {
            case "directCosts" -> directCost(r, documents.directCost(index), index);
            case "directIncomes" -> directIncome(r, documents.directIncome(index), index);
            case "transfers" -> transfer(r, cashbook.transfers().get(index));
            case "bankTransactions" -> bankTransaction(r, cashbook.lines().get(index));
            default -> accountTransaction(r, cashbook.lines().get(index));
        }
    }

    private static void directCost(Map<String, Object> r, Document d, int index) {
        r.put("reference", "CARD-" + (60_001 + index));
        r.put("note", "Paid by business debit card");
        r.put("contactRef", contact("sup-" + d.party(), "suppliers"));
        r.put("issueDate", dateTime(d.date()));
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        Map<String, Object> line = line("Supplies from " + AccountingRecords.supplierName(d.party()), d,
                Role.OVERHEADS);
        line.put("itemRef", AccountingLists.itemRef(AccountingLists.PACKAGING));
        line.put("trackingCategoryRefs",
                List.of(AccountingLists.trackingCategoryRef(AccountingLists.OPERATIONS_DEPARTMENT)));
        r.put("lineItems", List.of(line));
        r.put("paymentAllocations", List.of(allocation(d)));
        r.put("subTotal", d.subTotal());
        r.put("taxAmount", d.tax());
        r.put("totalAmount", d.total());
    }

    private static void directIncome(Map<String, Object> r, Document d, int index) {
        r.put("reference", "SALE-" + (70_001 + index));
        r.put("note", "Cash sale paid into the current account");
        r.put("contactRef", contact("cus-" + d.party(), "customers"));
        r.put("issueDate", dateTime(d.date()));
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        Map<String, Object> line = line("Stock sold to " + companyName(d.party()), d, Role.OTHER_INCOME);
        line.put("itemRef", AccountingLists.itemRef(AccountingLists.STOCK));
        r.put("lineItems", List.of(line));
        r.put("paymentAllocations", List.of(allocation(d)));
        r.put("subTotal", d.subTotal());
        r.put("taxAmount", d.tax());
        r.put("totalAmount", d.total());
    }

    private static Map<String, Object> line(String description, Document d, Role account) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("description", description);
        line.put("unitAmount", d.subTotal());
        line.put("quantity", 1);
        line.put("subTotal", d.subTotal());
        line.put("taxAmount", d.tax());
        line.put("totalAmount", d.total());
        line.put("accountRef", ref(account.id(), "name", account.title));
        line.put("taxRateRef", AccountingLists.taxRateRef(AccountingLists.STANDARD_RATE));
        return line;
    }

    /** Paid in full on the day, from the current account. */
    private static Map<String, Object> allocation(Document d) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("accountRef", ref(Role.CASH.id(), "name", Role.CASH.title));
        payment.put("currency", d.currency());
        payment.put("currencyRate", d.rate());
        payment.put("paidOnDate", dateTime(d.date()));
        payment.put("totalAmount", d.total());
        Map<String, Object> allocation = new LinkedHashMap<>();
        allocation.put("currency", d.currency());
        allocation.put("currencyRate", d.rate());
        allocation.put("allocatedOnDate", dateTime(d.date()));
        allocation.put("totalAmount", d.total());
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("payment", payment);
        both.put("allocation", allocation);
        return both;
    }

    private static Map<String, Object> contact(String id, String dataType) {
        return ref(id, "dataType", dataType);
    }

    private static void transfer(Map<String, Object> r, Transfer t) {
        r.put("description", "Transfer to " + AccountingCashbook.accountName(t.to()));
        r.put("date", dateTime(t.date()));
        r.put("from", transferAccount(0, "GBP", t.gbp()));
        r.put("to", transferAccount(t.to(), t.currency(), t.amount()));
    }

    private static Map<String, Object> transferAccount(int account, String currency, Object amount) {
        Map<String, Object> side = new LinkedHashMap<>();
        // Codat's AccountRef holds id and name only (the @codat/accounting client refuses other fields)
        side.put("accountRef", ref("ba-" + account, "name", AccountingCashbook.accountName(account)));
        side.put("currency", currency);
        side.put("amount", amount);
        return side;
    }

    private static void bankTransaction(Map<String, Object> r, Line line) {
        r.put("accountId", "ba-" + line.account());
        r.put("clearedOnDate", dateTime(line.date()));
        r.put("description", line.description());
        r.put("reconciled", reconciled(line.date()));
        r.put("amount", line.amount());
        r.put("balance", line.balance());
        r.put("transactionType", line.type());
    }

    private static void accountTransaction(Map<String, Object> r, Line line) {
        String currency = AccountingCashbook.currency(line.account());
        Map<String, Object> recordRef = new LinkedHashMap<>();
        recordRef.put("id", line.recordId());
        recordRef.put("dataType", line.dataType());
        Map<String, Object> accountLine = new LinkedHashMap<>();
        accountLine.put("recordRef", recordRef);
        accountLine.put("amount", line.amount());
        r.put("transactionId", line.recordId());
        r.put("note", line.description());
        r.put("bankAccountRef", ref("ba-" + line.account(), "name", AccountingCashbook.accountName(line.account())));
        r.put("date", dateTime(line.date()));
        r.put("status", reconciled(line.date()) ? "Reconciled" : "Unreconciled");
        r.put("currency", currency);
        r.put("currencyRate", SandboxDraws.rateToGbp(currency));
        r.put("lines", List.of(accountLine));
        r.put("totalAmount", line.amount());
    }

    private static boolean reconciled(java.time.LocalDate date) {
        return !date.isAfter(AccountingCashbook.RECONCILED_UNTIL);
    }
}
