package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.NAMES;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.address;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.companyName;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.dateTime;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.digits;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.email;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.firstName;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.money;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.phone;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.ref;

import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Document;
import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Journal;
import dev.bridgekeeper.sandbox.internal.AccountingLedger.Role;
import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Sandbox Accounting: a trading company's books for 2025. Invoices and payments refer to its customers, bills,
 * bill payments, supplier credit notes and purchase orders to its suppliers, lines to its items, tax rates and
 * tracking categories, journals balance, the monthly balance sheets and profit and loss are posted from those
 * documents ({@link AccountingLedger}), and the bank accounts' statement lines from the money they moved
 * ({@link AccountingCashbook}).
 */
final class AccountingRecords implements RecordGenerator {

    private static final String[] ACCOUNT_TYPES = {"Asset", "Liability", "Equity", "Income", "Expense"};
    private static final String[] SUPPLIES = {"Wholesale", "Logistics", "Packaging", "Print", "Cleaning",
            "Consulting"};

    private final SandboxDraws draws;
    private final Volume volume;
    private final AccountingDocuments documents;
    private final String organisation;
    private final UUID organisationId;
    private final AccountingPurchases purchases;
    private AccountingLedger ledger;
    private AccountingCashbook cashbook;
    private AccountingTransactions transactions;

    AccountingRecords(SandboxDraws draws, Volume volume, String organisation, UUID organisationId) {
        this.draws = draws;
        this.volume = volume;
        this.documents = new AccountingDocuments(draws, volume);
        this.purchases = new AccountingPurchases(documents);
        this.organisation = organisation;
        this.organisationId = organisationId;
    }

    @Override
    public List<String> dataTypes() {
        return List.of("company", "chartOfAccounts", "customers", "suppliers", "invoices", "bills", "payments",
                "billPayments", "creditNotes", "journalEntries", "bankAccounts", "balanceSheet", "profitAndLoss",
                "billCreditNotes", "purchaseOrders", "directCosts", "directIncomes", "transfers", "bankTransactions",
                "accountTransactions", "taxRates", "trackingCategories", "items", "journals", "paymentMethods", "cashFlowStatement");
    }

    @Override
    public int count(String dataType) {
        return switch (dataType) {
            case "company" -> 1;
            // the books post to accounts up to index 19 (AccountingLedger.Role), so the chart has at least 20
            case "chartOfAccounts" -> Math.max(20, volume.accounts());
            case "customers" -> documents.customers();
            case "suppliers" -> documents.suppliers();
            case "invoices" -> volume.invoices();
            case "bills" -> volume.bills();
            case "payments" -> AccountingDocuments.paidCount(volume.invoices());
            case "billPayments" -> AccountingDocuments.paidCount(volume.bills());
            case "creditNotes" -> volume.creditNotes();
            case "journalEntries" -> volume.journalEntries();
            case "bankAccounts" -> Math.max(1, volume.bankAccounts());
            case "balanceSheet", "profitAndLoss", "cashFlowStatement" -> AccountingLedger.MONTHS;
            case "billCreditNotes", "purchaseOrders" -> purchases.count(dataType);
            case "directCosts", "directIncomes", "transfers", "bankTransactions", "accountTransactions" ->
                    transactions().count(dataType);
            default -> AccountingLists.count(dataType);
        };
    }

    @Override
    public String prefix(String dataType) {
        return switch (dataType) {
            case "company" -> "company";
            case "chartOfAccounts" -> "acc";
            case "customers" -> "cus";
            case "suppliers" -> "sup";
            case "invoices" -> "inv";
            case "bills" -> "bill";
            case "payments" -> "pay";
            case "billPayments" -> "bpay";
            case "creditNotes" -> "cn";
            case "journalEntries" -> "je";
            case "bankAccounts" -> "ba";
            case "balanceSheet" -> "bs";
            case "profitAndLoss" -> "pl";
            case "cashFlowStatement" -> "cf";
            case "billCreditNotes" -> "bcn";
            case "purchaseOrders" -> "po";
            case "directCosts" -> "dc";
            case "directIncomes" -> "di";
            case "transfers" -> "tr";
            case "bankTransactions" -> "btx";
            case "accountTransactions" -> "atx";
            case "taxRates" -> "tax";
            case "trackingCategories" -> "tc";
            case "items" -> "item";
            case "journals" -> "jnl";
            default -> "pm";
        };
    }

    @Override
    public void fill(Map<String, Object> r, String dataType, int index) {
        SplittableRandom random = draws.random(dataType + "#text", index);
        switch (dataType) {
            case "company" -> company(r, draws.random("company", index));
            case "chartOfAccounts" -> account(r, index);
            case "customers" -> customer(r, index, draws.random("customers", index));
            case "suppliers" -> supplier(r, index, random);
            case "invoices" -> invoice(r, documents.invoice(index));
            case "bills" -> bill(r, documents.bill(index));
            case "payments" -> payment(r, index);
            case "billPayments" -> billPayment(r, index);
            case "creditNotes" -> creditNote(r, documents.creditNote(index));
            case "journalEntries" -> journalEntry(r, documents.journal(index));
            case "bankAccounts" -> bankAccount(r, index, random);
            case "balanceSheet" -> ledger().balanceSheet(r, index);
            case "profitAndLoss" -> ledger().profitAndLoss(r, index);
            case "cashFlowStatement" -> ledger().cashFlowStatement(r, index);
            case "billCreditNotes", "purchaseOrders" -> purchases.fill(r, dataType, index);
            case "directCosts", "directIncomes", "transfers", "bankTransactions", "accountTransactions" ->
                    transactions().fill(r, dataType, index);
            default -> AccountingLists.fill(r, dataType, index);
        }
    }

    private AccountingLedger ledger() {
        if (ledger == null) {
            ledger = AccountingLedger.post(documents, draws);
        }
        return ledger;
    }

    private AccountingTransactions transactions() {
        if (transactions == null) {
            cashbook = AccountingCashbook.post(documents, ledger(), draws, count("bankAccounts"));
            transactions = new AccountingTransactions(documents, cashbook);
        }
        return transactions;
    }

    private void company(Map<String, Object> r, SplittableRandom random) {
        r.put("companyName", organisation);
        r.put("accountingPlatformRef", organisationId.toString());
        r.put("companyLegalName", organisation);
        r.put("baseCurrency", "GBP");
        r.put("registrationNumber", String.format("%08d", random.nextInt(100_000_000)));
        r.put("taxNumber", "GB" + (100_000_000 + random.nextInt(900_000_000)));
        r.put("financialYearStartDate", "2025-01-01T00:00:00");
        r.put("createdDate", "2019-03-14T09:30:00Z");
        r.put("addresses", List.of(address(random, "Billing")));
    }

    private void account(Map<String, Object> r, int index) {
        String type = ACCOUNT_TYPES[index % ACCOUNT_TYPES.length];
        Role role = Role.at(index);
        String name = role != null ? role.title : type + " account " + (index + 1);
        r.put("nominalCode", String.valueOf(1000 + index * 10));
        r.put("name", name);
        r.put("description", "Sandbox " + type.toLowerCase() + " account");
        r.put("fullyQualifiedCategory", type + ".Current");
        r.put("fullyQualifiedName", type + ".Current." + name);
        r.put("currency", "GBP");
        r.put("currentBalance", role != null ? ledger().closing(role) : BigDecimal.ZERO.setScale(2));
        r.put("type", type);
        r.put("status", "Active");
        r.put("isBankAccount", role == Role.CASH);
    }

    private void customer(Map<String, Object> r, int index, SplittableRandom random) {
        String name = companyName(index);
        r.put("customerName", name);
        r.put("contactName", firstName(random) + " " + NAMES[random.nextInt(NAMES.length)]);
        r.put("emailAddress", email(name));
        r.put("phone", phone(random));
        r.put("defaultCurrency", AccountingDocuments.currencyOf(index));
        r.put("registrationNumber", String.format("%08d", random.nextInt(100_000_000)));
        r.put("status", "Active");
        r.put("addresses", List.of(address(random, "Billing")));
    }

    static String supplierName(int index) {
        return NAMES[(index + 5) % NAMES.length] + " " + SUPPLIES[index % SUPPLIES.length]
                + (index >= NAMES.length ? " " + (index / NAMES.length + 1) : "");
    }

    private void supplier(Map<String, Object> r, int index, SplittableRandom random) {
        String name = supplierName(index);
        r.put("supplierName", name);
        r.put("contactName", firstName(random) + " " + SandboxDraws.lastName(random));
        r.put("emailAddress", email(name));
        r.put("phone", phone(random));
        r.put("defaultCurrency", AccountingDocuments.currencyOf(index));
        r.put("registrationNumber", digits(random, 8));
        r.put("taxNumber", "GB" + digits(random, 9));
        r.put("status", index % 9 == 8 ? "Archived" : "Active");
        r.put("addresses", List.of(address(random, "Billing")));
    }

    private static Map<String, Object> lineItem(String description, Document d, Role account, int item) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("description", description);
        line.put("unitAmount", d.subTotal());
        line.put("quantity", 1);
        line.put("subTotal", d.subTotal());
        line.put("taxAmount", d.tax());
        line.put("totalAmount", d.total());
        line.put("accountRef", ref(account.id(), "name", account.title));
        line.put("taxRateRef", AccountingLists.taxRateRef(AccountingLists.STANDARD_RATE));
        line.put("itemRef", AccountingLists.itemRef(item));
        return line;
    }

    private void invoice(Map<String, Object> r, Document d) {
        r.put("invoiceNumber", "INV-" + (10_001 + d.index()));
        r.put("customerRef", ref("cus-" + d.party(), "companyName", companyName(d.party())));
        r.put("issueDate", dateTime(d.date()));
        r.put("dueDate", dateTime(d.date().plusDays(30)));
        if (d.paid().compareTo(d.total()) == 0) {
            r.put("paidOnDate", dateTime(d.paidOn()));
        }
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        r.put("lineItems", List.of(lineItem("Consulting services", d, Role.SALES, AccountingLists.CONSULTING)));
        r.put("subTotal", d.subTotal());
        r.put("totalTaxAmount", d.tax());
        r.put("totalAmount", d.total());
        r.put("amountDue", d.due());
        r.put("status", "Open".equals(d.state()) ? "Submitted" : d.state());
    }

    private void bill(Map<String, Object> r, Document d) {
        Role account = AccountingLedger.billAccount(d);
        r.put("reference", "BILL-" + (20_001 + d.index()));
        r.put("supplierRef", ref("sup-" + d.party(), "supplierName", supplierName(d.party())));
        r.put("issueDate", dateTime(d.date()));
        r.put("dueDate", dateTime(d.date().plusDays(30)));
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        r.put("lineItems", List.of(account == Role.COST_OF_SALES
                ? lineItem("Stock for resale", d, account, AccountingLists.STOCK)
                : lineItem("Services", d, account, AccountingLists.SERVICES)));
        r.put("subTotal", d.subTotal());
        r.put("taxAmount", d.tax());
        r.put("totalAmount", d.total());
        r.put("amountDue", d.due());
        r.put("status", d.state());
    }

    private static Map<String, Object> paymentLine(Document d, String linkType, String linkId) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("type", linkType);
        link.put("id", linkId);
        // the link lowers what is owed on the document by the amount paid
        link.put("amount", d.paid().negate());
        link.put("currencyRate", d.rate());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("amount", d.paid());
        line.put("allocatedOnDate", dateTime(d.paidOn()));
        line.put("links", List.of(link));
        return line;
    }

    private void payment(Map<String, Object> r, int index) {
        Document d = documents.invoice(AccountingDocuments.paidDocument(index));
        r.put("customerRef", ref("cus-" + d.party(), "companyName", companyName(d.party())));
        r.put("accountRef", ref(Role.CASH.id(), "name", Role.CASH.title));
        r.put("paymentMethodRef", AccountingLists.paymentMethodRef(AccountingLists.BANK_TRANSFER));
        r.put("date", dateTime(d.paidOn()));
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        r.put("totalAmount", d.paid());
        r.put("reference", "Remittance INV-" + (10_001 + d.index()));
        r.put("lines", List.of(paymentLine(d, "Invoice", "inv-" + d.index())));
    }

    private void billPayment(Map<String, Object> r, int index) {
        Document d = documents.bill(AccountingDocuments.paidDocument(index));
        r.put("supplierRef", ref("sup-" + d.party(), "supplierName", supplierName(d.party())));
        r.put("accountRef", ref(Role.CASH.id(), "name", Role.CASH.title));
        r.put("date", dateTime(d.paidOn()));
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        r.put("totalAmount", d.paid());
        r.put("reference", "Payment BILL-" + (20_001 + d.index()));
        r.put("lines", List.of(paymentLine(d, "Bill", "bill-" + d.index())));
    }

    private void creditNote(Map<String, Object> r, Document d) {
        r.put("creditNoteNumber", "CN-" + (30_001 + d.index()));
        r.put("customerRef", ref("cus-" + d.party(), "companyName", companyName(d.party())));
        r.put("issueDate", dateTime(d.date()));
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        r.put("lineItems", List.of(lineItem("Returned goods", d, Role.SALES, AccountingLists.STOCK)));
        r.put("subTotal", d.subTotal());
        r.put("totalTaxAmount", d.tax());
        r.put("totalAmount", d.total());
        r.put("totalDiscount", 0);
        r.put("discountPercentage", 0);
        r.put("remainingCredit", d.total());
        r.put("status", "Submitted");
    }

    private static Map<String, Object> journalLine(Role account, BigDecimal netAmount, String description) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("description", description);
        line.put("netAmount", netAmount);
        line.put("currency", "GBP");
        line.put("accountRef", ref(account.id(), "name", account.title));
        return line;
    }

    /** Debits are positive and credits negative, and they sum to zero. */
    private void journalEntry(Map<String, Object> r, Journal j) {
        String what = AccountingDocuments.JOURNAL_KINDS[j.kind()];
        Role expense = AccountingLedger.journalAccount(j);
        List<Map<String, Object>> lines = j.kind() == 0
                ? List.of(journalLine(expense, j.amount(), "Gross wages"),
                        journalLine(expense, j.extra(), "Employer's national insurance"),
                        journalLine(Role.CASH, j.total().negate(), "Net pay and taxes"))
                : List.of(journalLine(expense, j.amount(), what),
                        journalLine(Role.CASH, j.total().negate(), what));
        r.put("description", what + " " + j.date().getMonth().getDisplayName(java.time.format.TextStyle.FULL,
                java.util.Locale.UK) + " " + j.date().getYear());
        r.put("postedOn", dateTime(j.date()));
        r.put("createdOn", dateTime(j.date()));
        r.put("updatedOn", dateTime(j.date()));
        r.put("journalRef", AccountingLists.journalRef(j.kind() == 0 ? AccountingLists.PAYROLL_JOURNAL
                : AccountingLists.GENERAL_JOURNAL));
        r.put("journalLines", lines);
    }

    /**
     * The company's bank accounts, with the balances their statement lines end on ({@link AccountingCashbook}): the
     * reserve accounts hold their opening reserve and what was transferred to them, the current account the rest of
     * the books' cash, so together they hold exactly the cash at bank of the balance sheet.
     */
    private void bankAccount(Map<String, Object> r, int index, SplittableRandom random) {
        String currency = AccountingCashbook.currency(index);
        transactions();
        BigDecimal balance = cashbook.closing(index);
        r.put("accountName", AccountingCashbook.accountName(index));
        r.put("accountType", "Debit");
        r.put("nominalCode", index == 0 ? "1000" : String.valueOf(1200 + index));
        r.put("sortCode", "04-00-" + String.format("%02d", random.nextInt(100)));
        r.put("accountNumber", digits(random, 8));
        r.put("iBan", "GB" + digits(random, 2) + "SAND" + digits(random, 14));
        r.put("institution", "Sandbox Bank plc");
        r.put("currency", currency);
        r.put("balance", balance);
        r.put("availableBalance", balance.add(index == 0 ? new BigDecimal("5000.00") : BigDecimal.ZERO));
        r.put("overdraftLimit", index == 0 ? 5000 : 0);
    }
}
