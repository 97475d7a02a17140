package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Document;
import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Journal;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sandbox Accounting's books, posted from its documents month by month: the monthly profit and loss, cash flow
 * statements and the month-end balance sheets, and the accounts' closing balances. Double entry by construction: each invoice,
 * bill, credit note and bill credit note moves receivables or payables, sales or costs, and VAT by the same GBP
 * amounts; each payment moves cash against receivables or payables; each journal and direct cost moves an
 * expense against cash, each direct income other income; transfers stay within cash at bank. So assets always
 * equal liabilities plus equity, and retained earnings grow by exactly the profit.
 */
final class AccountingLedger {

    /** The accounts the books post to, at fixed indexes of the chart of accounts (type = index % 5). */
    enum Role {
        CASH(0, "Cash at bank"), PAYABLES(1, "Accounts payable"), SHARE_CAPITAL(2, "Share capital"),
        SALES(3, "Sales"), COST_OF_SALES(4, "Cost of sales"), RECEIVABLES(5, "Accounts receivable"),
        VAT(6, "VAT"), RETAINED_EARNINGS(7, "Retained earnings"), OTHER_INCOME(8, "Other income"),
        WAGES(9, "Wages and salaries"), OVERHEADS(14, "General overheads"), RENT(19, "Rent and rates");

        final int index;
        final String title;

        Role(int index, String title) {
            this.index = index;
            this.title = title;
        }

        String id() {
            return "acc-" + index;
        }

        static Role at(int index) {
            for (Role role : values()) {
                if (role.index == index) {
                    return role;
                }
            }
            return null;
        }
    }

    /** The first month of the reports and how many there are. */
    static final YearMonth FIRST_MONTH = YearMonth.from(AccountingDocuments.YEAR_START);
    static final int MONTHS = 12;
    static final BigDecimal SHARE_CAPITAL = new BigDecimal("50000.00");

    /** What one month posted, in GBP. */
    private static final class Month {
        BigDecimal sales = zero(), credits = zero(), costOfSales = zero(), overheads = zero(), wages = zero(),
                rent = zero(), otherIncome = zero();
        BigDecimal invoiced = zero(), credited = zero(), billed = zero(), billCredited = zero(), received = zero(),
                paidOut = zero(), journalCash = zero(), journalWages = zero(), journalRent = zero(),
                directIn = zero(), directOut = zero(), outputTax = zero(),
                creditTax = zero(), inputTax = zero();

        void add(Month o) {
            sales = sales.add(o.sales);
            credits = credits.add(o.credits);
            costOfSales = costOfSales.add(o.costOfSales);
            overheads = overheads.add(o.overheads);
            wages = wages.add(o.wages);
            rent = rent.add(o.rent);
            otherIncome = otherIncome.add(o.otherIncome);
            invoiced = invoiced.add(o.invoiced);
            credited = credited.add(o.credited);
            billed = billed.add(o.billed);
            billCredited = billCredited.add(o.billCredited);
            received = received.add(o.received);
            paidOut = paidOut.add(o.paidOut);
            journalCash = journalCash.add(o.journalCash);
            journalWages = journalWages.add(o.journalWages);
            journalRent = journalRent.add(o.journalRent);
            directIn = directIn.add(o.directIn);
            directOut = directOut.add(o.directOut);
            outputTax = outputTax.add(o.outputTax);
            creditTax = creditTax.add(o.creditTax);
            inputTax = inputTax.add(o.inputTax);
        }

        BigDecimal netSales() {
            return sales.subtract(credits);
        }

        BigDecimal expenses() {
            return overheads.add(wages).add(rent);
        }

        BigDecimal profit() {
            return netSales().subtract(costOfSales).subtract(expenses()).add(otherIncome);
        }

        BigDecimal payables() {
            return billed.subtract(billCredited).subtract(paidOut);
        }
    }

    private final TreeMap<YearMonth, Month> months = new TreeMap<>();
    private final BigDecimal openingRetained;

    private AccountingLedger(BigDecimal openingRetained) {
        this.openingRetained = openingRetained;
    }

    static AccountingLedger post(AccountingDocuments documents, SandboxDraws draws) {
        AccountingLedger ledger = new AccountingLedger(
                SandboxDraws.money(draws.random("ledger", 0), 40_000).add(new BigDecimal("10000")));
        var volume = documents.volume();
        for (int i = 0; i < volume.invoices(); i++) {
            Document d = documents.invoice(i);
            Month m = ledger.month(d.date());
            m.sales = m.sales.add(d.gbpSubTotal());
            m.outputTax = m.outputTax.add(d.gbpTax());
            m.invoiced = m.invoiced.add(d.gbpTotal());
            if (d.paid().signum() > 0) {
                Month p = ledger.month(d.paidOn());
                p.received = p.received.add(d.gbpPaid());
            }
        }
        for (int i = 0; i < volume.creditNotes(); i++) {
            Document d = documents.creditNote(i);
            Month m = ledger.month(d.date());
            m.credits = m.credits.add(d.gbpSubTotal());
            m.creditTax = m.creditTax.add(d.gbpTax());
            m.credited = m.credited.add(d.gbpTotal());
        }
        for (int i = 0; i < volume.bills(); i++) {
            Document d = documents.bill(i);
            Month m = ledger.month(d.date());
            if (isCostOfSales(d)) {
                m.costOfSales = m.costOfSales.add(d.gbpSubTotal());
            } else {
                m.overheads = m.overheads.add(d.gbpSubTotal());
            }
            m.inputTax = m.inputTax.add(d.gbpTax());
            m.billed = m.billed.add(d.gbpTotal());
            if (d.paid().signum() > 0) {
                Month p = ledger.month(d.paidOn());
                p.paidOut = p.paidOut.add(d.gbpPaid());
            }
        }
        for (int i = 0; i < volume.journalEntries(); i++) {
            Journal j = documents.journal(i);
            Month m = ledger.month(j.date());
            switch (j.kind()) {
                case 0 -> {
                    m.wages = m.wages.add(j.total());
                    m.journalWages = m.journalWages.add(j.total());
                }
                case 1 -> {
                    m.rent = m.rent.add(j.total());
                    m.journalRent = m.journalRent.add(j.total());
                }
                default -> m.overheads = m.overheads.add(j.total());
            }
            m.journalCash = m.journalCash.add(j.total());
        }
        ledger.postCashAndCredits(documents);
        return ledger;
    }

    /** Bill credit notes reverse a bill's cost and VAT; direct costs and incomes move cash at once. */
    private void postCashAndCredits(AccountingDocuments documents) {
        for (int i = 0; i < documents.billCreditNotes(); i++) {
            Document d = documents.billCreditNote(i);
            Month m = month(d.date());
            if (isCostOfSales(d)) {
                m.costOfSales = m.costOfSales.subtract(d.gbpSubTotal());
            } else {
                m.overheads = m.overheads.subtract(d.gbpSubTotal());
            }
            m.inputTax = m.inputTax.subtract(d.gbpTax());
            m.billCredited = m.billCredited.add(d.gbpTotal());
        }
        for (int i = 0; i < documents.directCosts(); i++) {
            Document d = documents.directCost(i);
            Month m = month(d.date());
            m.overheads = m.overheads.add(d.gbpSubTotal());
            m.inputTax = m.inputTax.add(d.gbpTax());
            m.directOut = m.directOut.add(d.gbpTotal());
        }
        for (int i = 0; i < documents.directIncomes(); i++) {
            Document d = documents.directIncome(i);
            Month m = month(d.date());
            m.otherIncome = m.otherIncome.add(d.gbpSubTotal());
            m.outputTax = m.outputTax.add(d.gbpTax());
            m.directIn = m.directIn.add(d.gbpTotal());
        }
    }

    /** Bills from even-numbered suppliers are stock for resale; the others are overheads. */
    static boolean isCostOfSales(Document bill) {
        return bill.party() % 2 == 0;
    }

    static Role billAccount(Document bill) {
        return isCostOfSales(bill) ? Role.COST_OF_SALES : Role.OVERHEADS;
    }

    static Role journalAccount(Journal journal) {
        return switch (journal.kind()) {
            case 0 -> Role.WAGES;
            case 1 -> Role.RENT;
            default -> Role.OVERHEADS;
        };
    }

    private Month month(java.time.LocalDate date) {
        return months.computeIfAbsent(YearMonth.from(date), k -> new Month());
    }

    /** Everything posted up to the end of {@code last} (null: everything). */
    private Month upTo(YearMonth last) {
        Month sum = new Month();
        (last == null ? months : months.headMap(last, true)).values().forEach(sum::add);
        return sum;
    }

    /** Each account's balance after everything posted, as a positive amount on its natural side. */
    BigDecimal closing(Role role) {
        Month all = upTo(null);
        return switch (role) {
            case CASH -> cash(all);
            case PAYABLES -> all.payables();
            case SHARE_CAPITAL -> SHARE_CAPITAL;
            case SALES -> all.netSales();
            case COST_OF_SALES -> all.costOfSales;
            case RECEIVABLES -> receivables(all);
            case VAT -> vat(all);
            case RETAINED_EARNINGS -> openingRetained;
            case OTHER_INCOME -> all.otherIncome;
            case WAGES -> all.wages;
            case OVERHEADS -> all.overheads;
            case RENT -> all.rent;
        };
    }

    /** Cash at bank when the books open: share capital and the retained earnings brought forward. */
    BigDecimal openingCash() {
        return SHARE_CAPITAL.add(openingRetained);
    }

    private BigDecimal cash(Month t) {
        return openingCash().add(t.received).subtract(t.paidOut).subtract(t.journalCash).add(t.directIn)
                .subtract(t.directOut);
    }

    private static BigDecimal receivables(Month t) {
        return t.invoiced.subtract(t.credited).subtract(t.received);
    }

    private static BigDecimal vat(Month t) {
        return t.outputTax.subtract(t.creditTax).subtract(t.inputTax);
    }

    /** The balance sheet at the end of report month {@code index}. */
    void balanceSheet(Map<String, Object> r, int index) {
        YearMonth month = FIRST_MONTH.plusMonths(index);
        Month t = upTo(month);
        Map<String, Object> assets = line("Assets", null, List.of(line(Role.CASH, cash(t)),
                line(Role.RECEIVABLES, receivables(t))));
        Map<String, Object> liabilities = line("Liabilities", null, List.of(
                line(Role.PAYABLES, t.payables()), line(Role.VAT, vat(t))));
        Map<String, Object> equity = line("Equity", null, List.of(line(Role.SHARE_CAPITAL, SHARE_CAPITAL),
                line(Role.RETAINED_EARNINGS, openingRetained.add(t.profit()))));
        r.put("date", SandboxDraws.dateTime(month.atEndOfMonth()));
        r.put("currency", "GBP");
        r.put("assets", assets);
        r.put("liabilities", liabilities);
        r.put("equity", equity);
        r.put("netAssets", ((BigDecimal) assets.get("value")).subtract((BigDecimal) liabilities.get("value")));
    }

    /** The profit and loss of report month {@code index}. */
    void profitAndLoss(Map<String, Object> r, int index) {
        YearMonth month = FIRST_MONTH.plusMonths(index);
        Month m = months.getOrDefault(month, new Month());
        BigDecimal gross = m.netSales().subtract(m.costOfSales);
        BigDecimal operating = gross.subtract(m.expenses());
        BigDecimal net = operating.add(m.otherIncome);
        r.put("fromDate", SandboxDraws.dateTime(month.atDay(1)));
        r.put("toDate", SandboxDraws.dateTime(month.atEndOfMonth()));
        r.put("currency", "GBP");
        r.put("reportBasis", "Accrual");
        r.put("income", line("Income", null, List.of(line(Role.SALES, m.netSales()))));
        r.put("costOfSales", line("Cost of sales", null, List.of(line(Role.COST_OF_SALES, m.costOfSales))));
        r.put("grossProfit", gross);
        r.put("expenses", line("Expenses", null, List.of(line(Role.WAGES, m.wages),
                line(Role.OVERHEADS, m.overheads), line(Role.RENT, m.rent))));
        r.put("netOperatingProfit", operating);
        r.put("otherIncome", line("Other income", null, List.of(line(Role.OTHER_INCOME, m.otherIncome))));
        r.put("otherExpenses", line("Other expenses", null, List.of()));
        r.put("netOtherIncome", m.otherIncome);
        r.put("netProfit", net);
    }

    /**
     * The cash flow statement of report month {@code index}, by the direct method and operating activities only
     * (Codat's): receipts are the customer payments against receivables and the direct incomes, payments the
     * supplier payments against payables and the expenses paid straight from the bank (journals and direct costs),
     * all with their VAT. Receipts less payments is the month's movement of cash at bank, since transfers stay
     * within it.
     */
    void cashFlowStatement(Map<String, Object> r, int index) {
        YearMonth month = FIRST_MONTH.plusMonths(index);
        Month m = months.getOrDefault(month, new Month());
        r.put("fromDate", SandboxDraws.dateTime(month.atDay(1)));
        r.put("toDate", SandboxDraws.dateTime(month.atEndOfMonth()));
        r.put("currency", "GBP");
        r.put("reportBasis", "Cash");
        r.put("reportInput", "Direct");
        r.put("cashReceipts", line("Cash receipts", "cashReceipts", List.of(line(Role.RECEIVABLES, m.received),
                line(Role.OTHER_INCOME, m.directIn))));
        r.put("cashPayments", line("Cash payments", "cashPayments", List.of(line(Role.PAYABLES, m.paidOut),
                line("Expenses", "expenses", List.of(line(Role.WAGES, m.journalWages),
                        line(Role.RENT, m.journalRent),
                        line(Role.OVERHEADS, m.journalCash.subtract(m.journalWages).subtract(m.journalRent)
                                .add(m.directOut)))))));
    }

    private static Map<String, Object> line(Role role, BigDecimal value) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("accountId", role.id());
        line.put("name", role.title);
        line.put("value", value);
        line.put("items", List.of());
        return line;
    }

    /** A report line whose value is the sum of its items. */
    private static Map<String, Object> line(String name, String accountId, List<Map<String, Object>> items) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (accountId != null) {
            line.put("accountId", accountId);
        }
        line.put("name", name);
        line.put("value", items.stream().map(i -> (BigDecimal) i.get("value")).reduce(zero(), BigDecimal::add));
        line.put("items", new ArrayList<>(items));
        return line;
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
