package dev.bridgekeeper.connector.xero.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xero's reports computed from an organisation's journals, in the row structure of the OpenAPI file's report
 * examples (Header, Section, Row, SummaryRow; cells with {@code account} or {@code invoiceID} attributes).
 * Balance sheet and trial balance therefore always balance; profit and loss agrees with the balance sheet's
 * current-year earnings.
 */
final class XeroReports {

    private static final Set<String> BANK = Set.of("BANK");
    private static final Set<String> CURRENT_ASSETS = Set.of("CURRENT", "INVENTORY", "PREPAYMENT");
    private static final Set<String> FIXED_ASSETS = Set.of("FIXED");
    private static final Set<String> NON_CURRENT_ASSETS = Set.of("NONCURRENT");
    private static final Set<String> CURRENT_LIABILITIES = Set.of("CURRLIAB");
    private static final Set<String> NON_CURRENT_LIABILITIES = Set.of("TERMLIAB", "LIABILITY");
    private static final Set<String> EQUITY = Set.of("EQUITY");
    private static final Set<String> INCOME = Set.of("REVENUE", "SALES");
    private static final Set<String> OTHER_INCOME = Set.of("OTHERINCOME");
    private static final Set<String> COST_OF_SALES = Set.of("DIRECTCOSTS");
    private static final Set<String> EXPENSES = Set.of("EXPENSE", "OVERHEADS", "DEPRECIATN");

    private final Ledger ledger;
    private final Instant now;

    XeroReports(Ledger ledger, Instant now) {
        this.ledger = ledger;
        this.now = now;
    }

    /** Period columns ending at {@code end}: the latest first, going back {@code periods} times by {@code timeframe}. */
    private static List<LocalDate[]> columns(LocalDate start, LocalDate end, int periods, String timeframe) {
        List<LocalDate[]> out = new ArrayList<>();
        ChronoUnit unit = switch (timeframe == null ? "MONTH" : timeframe.toUpperCase()) {
            case "QUARTER" -> null;
            case "YEAR" -> ChronoUnit.YEARS;
            default -> ChronoUnit.MONTHS;
        };
        for (int k = 0; k <= periods; k++) {
            long back = unit == null ? 3L * k : k;
            ChronoUnit step = unit == null ? ChronoUnit.MONTHS : unit;
            LocalDate e = end.minus(back, step);
            if (end.getDayOfMonth() == end.lengthOfMonth()) {
                // a month-end stays a month-end (Xero's 31 Oct column before a 30 Nov one, not 30 Oct)
                e = e.withDayOfMonth(e.lengthOfMonth());
            }
            LocalDate s = start == null ? null : start.minus(back, step);
            out.add(new LocalDate[] {s, e});
        }
        return out;
    }

    /**
     * Profit and loss over the period columns, on the accrual basis or, with {@code paymentsOnly} (the OpenAPI
     * file's "cash only basis"), on the cash basis of {@link #cashMovements}. Both bases give the same header,
     * sections, row labels and titles: the OpenAPI file has no ProfitAndLoss example, so nothing shows how Xero
     * titles a cash report, and none is invented here.
     */
    ObjectNode profitAndLoss(LocalDate from, LocalDate to, int periods, String timeframe, boolean paymentsOnly) {
        LocalDate today = today();
        LocalDate end = to != null ? to : (from != null ? from.withDayOfMonth(from.lengthOfMonth())
                : today.withDayOfMonth(today.lengthOfMonth()));
        LocalDate start = from != null ? from : end.withDayOfMonth(1);
        List<LocalDate[]> cols = columns(start, end, periods, timeframe);
        Map<String, Map<String, BigDecimal>> documents = paymentsOnly ? documentLines() : Map.of();
        List<Map<String, BigDecimal>> sums = cols.stream().map(c -> paymentsOnly
                ? cashMovements(c[0], c[1], documents) : movements(c[0], c[1])).toList();
        ArrayNode rows = Ledger.array();
        rows.add(header(cols.stream().map(c -> XeroDates.reportColumn(c[1])).toList(), ""));
        BigDecimal[] income = section(rows, "Income", "Total Income", INCOME, sums, true);
        BigDecimal[] cost = section(rows, "Less Cost of Sales", "Total Cost of Sales", COST_OF_SALES, sums, false);
        BigDecimal[] gross = subtract(income, cost);
        rows.add(summarySection("Gross Profit", gross, false));
        BigDecimal[] other = section(rows, "Plus Other Income", "Total Other Income", OTHER_INCOME, sums, true);
        BigDecimal[] expenses = section(rows, "Less Operating Expenses", "Total Operating Expenses", EXPENSES, sums,
                false);
        rows.add(summarySection("Net Profit", subtract(add(gross, other), expenses), false));
        return envelope("ProfitAndLoss", "Profit and Loss", List.of("Profit & Loss", ledger.organisation().name(),
                "For the period " + XeroDates.reportDate(start) + " to " + XeroDates.reportDate(end)), end, rows);
    }

    ObjectNode balanceSheet(LocalDate date, int periods, String timeframe) {
        LocalDate at = date != null ? date : today();
        List<LocalDate[]> cols = columns(null, at, periods, timeframe);
        List<Map<String, BigDecimal>> balances = cols.stream().map(c -> movements(null, c[1])).toList();
        ArrayNode rows = Ledger.array();
        rows.add(header(cols.stream().map(c -> XeroDates.reportColumn(c[1])).toList(), ""));
        rows.add(titleOnly("Assets"));
        BigDecimal[] bank = section(rows, "Bank", "Total Bank", BANK, balances, false);
        BigDecimal[] current = section(rows, "Current Assets", "Total Current Assets", CURRENT_ASSETS, balances, false);
        BigDecimal[] fixed = section(rows, "Fixed Assets", "Total Fixed Assets", FIXED_ASSETS, balances, false);
        BigDecimal[] nonCurrent = section(rows, "Non-current Assets", "Total Non-current Assets", NON_CURRENT_ASSETS,
                balances, false);
        BigDecimal[] assets = add(add(bank, current), add(fixed, nonCurrent));
        rows.add(summarySection("Total Assets", assets, true));
        rows.add(titleOnly("Liabilities"));
        BigDecimal[] currentLiab = section(rows, "Current Liabilities", "Total Current Liabilities", CURRENT_LIABILITIES,
                balances, true);
        BigDecimal[] longLiab = section(rows, "Non-current Liabilities", "Total Non-current Liabilities",
                NON_CURRENT_LIABILITIES, balances, true);
        BigDecimal[] liabilities = add(currentLiab, longLiab);
        rows.add(summarySection("Total Liabilities", liabilities, true));
        rows.add(summarySection("Net Assets", subtract(assets, liabilities), false));
        // equity: equity accounts, plus earnings split at the financial year start
        int width = cols.size();
        BigDecimal[] currentYear = new BigDecimal[width];
        BigDecimal[] retained = new BigDecimal[width];
        for (int i = 0; i < width; i++) {
            LocalDate yearStart = financialYearStart(cols.get(i)[1]);
            currentYear[i] = profit(movements(yearStart, cols.get(i)[1]));
            retained[i] = profit(movements(null, yearStart.minusDays(1)));
        }
        ObjectNode equity = sectionNode("Equity");
        ArrayNode equityRows = (ArrayNode) equity.get("Rows");
        equityRows.add(row("Current Year Earnings", null, currentYear));
        BigDecimal[] totalEquity = currentYear.clone();
        boolean retainedShown = false;
        for (JsonNode account : accountsOfTypes(EQUITY)) {
            BigDecimal[] values = values(account, balances, true);
            if (account.path("Code").asString("").equals("960")) {
                values = add(values, retained);
                retainedShown = true;
            }
            equityRows.add(row(account.path("Name").asString(), account.path("AccountID").asString(), values));
            totalEquity = add(totalEquity, values);
        }
        if (!retainedShown) {
            equityRows.add(row("Retained Earnings", null, retained));
            totalEquity = add(totalEquity, retained);
        }
        equityRows.add(summary("Total Equity", totalEquity));
        rows.add(equity);
        return envelope("BalanceSheet", "Balance Sheet", List.of("Balance Sheet", ledger.organisation().name(),
                "As at " + XeroDates.reportDate(at)), at, rows);
    }

    ObjectNode trialBalance(LocalDate date) {
        LocalDate at = date != null ? date : today();
        LocalDate yearStart = financialYearStart(at);
        Map<String, BigDecimal> ytd = movements(yearStart, at);
        Map<String, BigDecimal> all = movements(null, at);
        ArrayNode rows = Ledger.array();
        rows.add(header(List.of("Debit", "Credit", "YTD Debit", "YTD Credit"), "Account"));
        BigDecimal debit = BigDecimal.ZERO.setScale(2);
        BigDecimal credit = BigDecimal.ZERO.setScale(2);
        String[][] groups = {{"Revenue", "REVENUE,SALES,OTHERINCOME"}, {"Expenses", "DIRECTCOSTS,EXPENSE,OVERHEADS,DEPRECIATN"},
            {"Assets", "BANK,CURRENT,INVENTORY,PREPAYMENT,FIXED,NONCURRENT"}, {"Liabilities", "CURRLIAB,TERMLIAB,LIABILITY"},
            {"Equity", "EQUITY"}};
        for (String[] group : groups) {
            ObjectNode section = sectionNode(group[0]);
            boolean profitAndLoss = group[0].equals("Revenue") || group[0].equals("Expenses");
            for (JsonNode account : accountsOfTypes(Set.of(group[1].split(",")))) {
                String code = account.path("Code").asString();
                BigDecimal balance = (profitAndLoss ? ytd : all).getOrDefault(code, BigDecimal.ZERO.setScale(2));
                if (!profitAndLoss && code.equals("960")) {
                    balance = balance.add(all.entrySet().stream().filter(e -> isProfitAndLoss(e.getKey()))
                            .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add))
                            .subtract(ytd.entrySet().stream().filter(e -> isProfitAndLoss(e.getKey()))
                                    .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add));
                }
                String id = account.path("AccountID").asString();
                String name = account.path("Name").asString() + " (" + code + ")";
                String dr = balance.signum() > 0 ? balance.setScale(2).toPlainString() : "";
                String cr = balance.signum() < 0 ? balance.negate().setScale(2).toPlainString() : "";
                if (balance.signum() == 0) {
                    continue;
                }
                ((ArrayNode) section.get("Rows")).add(cellsRow(List.of(name, dr, cr, dr, cr), id, "account"));
                debit = balance.signum() > 0 ? debit.add(balance) : debit;
                credit = balance.signum() < 0 ? credit.add(balance.negate()) : credit;
            }
            rows.add(section);
        }
        ObjectNode total = sectionNode("");
        ((ArrayNode) total.get("Rows")).add(cellsRow(List.of("Total", debit.setScale(2).toPlainString(),
                credit.setScale(2).toPlainString(), debit.setScale(2).toPlainString(), credit.setScale(2).toPlainString()),
                null, null).put("RowType", "SummaryRow"));
        rows.add(total);
        return envelope("TrialBalance", "Trial Balance", List.of("Trial Balance", ledger.organisation().name(),
                "As at " + XeroDates.reportDate(at)), at, rows);
    }

    /** AgedReceivablesByContact (sales) or AgedPayablesByContact (bills) for one contact, as the examples lay it out. */
    ObjectNode aged(boolean receivables, String contactId, LocalDate date, LocalDate from, LocalDate to) {
        LocalDate at = to != null ? to : date != null ? date : today();
        LocalDate start = from != null ? from : at.minusYears(1);
        String type = receivables ? "ACCREC" : "ACCPAY";
        ArrayNode rows = Ledger.array();
        rows.add(header(List.of("Date", receivables ? "Number" : "Reference", "Due Date", "", "Total", "Paid",
                "Credited", "Due"), null));
        ObjectNode opening = sectionNode("");
        ((ArrayNode) opening.get("Rows")).add(cellsRow(List.of(start + " 00:00:00", "Opening Balance", "", "", "", "",
                "", "0.00"), null, null));
        rows.add(opening);
        ObjectNode lines = sectionNode("");
        BigDecimal[] totals = zeros(4);
        String contactName = "";
        for (ObjectNode invoice : ledger.records("Invoices")) {
            if (!invoice.path("Type").asString("").equals(type)
                    || !invoice.path("Contact").path("ContactID").asString("").equalsIgnoreCase(contactId)
                    || !Ledger.isStatus(invoice, "AUTHORISED", "PAID")) {
                continue;
            }
            LocalDate issued = dateOf(invoice.path("Date"));
            if (issued == null || issued.isAfter(at) || issued.isBefore(start)) {
                continue;
            }
            BigDecimal due = JournalPosting.money(invoice.path("AmountDue"));
            if (due.signum() == 0) {
                continue;
            }
            contactName = invoice.path("Contact").path("Name").asString("");
            LocalDate dueDate = dateOf(invoice.path("DueDate"));
            long overdue = dueDate == null ? 0 : ChronoUnit.DAYS.between(dueDate, at);
            BigDecimal total = JournalPosting.money(invoice.path("Total"));
            BigDecimal paid = JournalPosting.money(invoice.path("AmountPaid"));
            BigDecimal credited = JournalPosting.money(invoice.path("AmountCredited"));
            ((ArrayNode) lines.get("Rows")).add(cellsRow(List.of(issued + " 00:00:00",
                    invoice.path(receivables ? "InvoiceNumber" : "Reference").asString(""),
                    dueDate == null ? "" : dueDate + " 00:00:00", overdue > 0 ? overdue + " days overdue" : "",
                    total.toPlainString(), paid.toPlainString(), credited.toPlainString(), due.toPlainString()),
                    invoice.path("InvoiceID").asString(), "invoiceID"));
            totals = add(totals, new BigDecimal[] {total, paid, credited, due});
        }
        List<String> sums = List.of(totals[0].toPlainString(), totals[1].toPlainString(), totals[2].toPlainString(),
                totals[3].toPlainString());
        ((ArrayNode) lines.get("Rows")).add(cellsRow(concat(List.of("Total", "", "", ""), sums), null, null)
                .put("RowType", "SummaryRow"));
        rows.add(lines);
        ObjectNode closing = sectionNode("");
        ((ArrayNode) closing.get("Rows")).add(cellsRow(concat(List.of("Closing Balance", "", "", ""), sums), null, null)
                .put("RowType", "SummaryRow"));
        rows.add(closing);
        String kind = receivables ? "AgedReceivablesByContact" : "AgedPayablesByContact";
        return envelope(kind, receivables ? "Aged Receivables By Contact" : "Aged Payables By Contact",
                List.of("Invoices", contactName, "From " + XeroDates.reportDate(start) + " to " + XeroDates.reportDate(at),
                        "Showing payments to " + XeroDates.reportDate(at)), at, rows);
    }

    // ---- sums ----

    /** Net debit per account code of journals dated within [from, to] (from null = since the beginning). */
    private Map<String, BigDecimal> movements(LocalDate from, LocalDate to) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (ObjectNode journal : ledger.journals()) {
            LocalDate date = dateOf(journal.path("JournalDate"));
            if (date == null || date.isAfter(to) || (from != null && date.isBefore(from))) {
                continue;
            }
            for (JsonNode line : journal.path("JournalLines")) {
                out.merge(line.path("AccountCode").asString(""), JournalPosting.money(line.path("NetAmount")),
                        BigDecimal::add);
            }
        }
        return out;
    }

    /**
     * Net debit per profit-and-loss account code on the cash basis, for journals dated within [from, to]: income
     * and costs count when money moves, not when a document is raised.
     * <ul>
     *   <li>Spend/receive money (CASHPAID, CASHREC) and manual journals (MANJOURNAL) count on their own date, as
     *       on the accrual basis: they are the money moving (or an adjustment the accountant placed on a date).
     *   <li>Invoices and bills (ACCREC, ACCPAY) count through their payments: each payment journal (ACCRECPAYMENT,
     *       ACCPAYPAYMENT) dated in the range brings in the document's profit-and-loss lines times the amount
     *       paid over the document's {@code Total}, each account's share rounded to 2 decimals (HALF_UP), so an
     *       unpaid part never counts. A deleted or changed payment's reversing journal takes its share back out.
     *   <li>Credit notes (ACCRECCREDIT, ACCPAYCREDIT) are left out: the emulator does not model their cash
     *       refunds or allocations, so they have no moment at which money moves.
     *   <li>Bank transfers and balance-sheet lines never reach a profit and loss, so only profit-and-loss
     *       accounts are kept.
     * </ul>
     */
    private Map<String, BigDecimal> cashMovements(LocalDate from, LocalDate to,
            Map<String, Map<String, BigDecimal>> documents) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (ObjectNode journal : ledger.journals()) {
            LocalDate date = dateOf(journal.path("JournalDate"));
            if (date == null || date.isAfter(to) || (from != null && date.isBefore(from))) {
                continue;
            }
            switch (journal.path("SourceType").asString("")) {
                case "CASHREC", "CASHPAID", "MANJOURNAL" -> {
                    for (JsonNode line : journal.path("JournalLines")) {
                        String code = line.path("AccountCode").asString("");
                        if (isProfitAndLoss(code)) {
                            out.merge(code, JournalPosting.money(line.path("NetAmount")), BigDecimal::add);
                        }
                    }
                }
                case "ACCRECPAYMENT", "ACCPAYPAYMENT" -> paidShare(journal, documents, out);
                default -> {
                    // ACCREC/ACCPAY count through their payments; credit notes are left out; transfers move only
                    // between bank accounts
                }
            }
        }
        return out;
    }

    /**
     * Adds to {@code out} the share of the paid document's profit-and-loss lines that one payment journal
     * brings. The payment finds its document through the Payments record's {@code Invoice.InvoiceID} (as Xero
     * links them); the amount is read off the journal's receivables or payables line, so a reversing journal
     * (negative) takes back what the payment brought.
     */
    private void paidShare(ObjectNode journal, Map<String, Map<String, BigDecimal>> documents,
            Map<String, BigDecimal> out) {
        ObjectNode payment = ledger.record("Payments", journal.path("SourceID").asString(""));
        if (payment == null) {
            return;
        }
        String documentId = payment.path("Invoice").path("InvoiceID").asString("");
        ObjectNode document = ledger.record("Invoices", documentId);
        Map<String, BigDecimal> lines = documents.get(documentId.toLowerCase(Locale.ROOT));
        if (document == null || lines == null) {
            return;
        }
        BigDecimal total = JournalPosting.money(document.path("Total"));
        if (total.signum() == 0) {
            return;
        }
        boolean received = journal.path("SourceType").asString("").equals("ACCRECPAYMENT");
        String control = received ? JournalPosting.RECEIVABLES : JournalPosting.PAYABLES;
        BigDecimal paid = BigDecimal.ZERO;
        for (JsonNode line : journal.path("JournalLines")) {
            if (line.path("AccountCode").asString("").equals(control)) {
                paid = paid.add(JournalPosting.money(line.path("NetAmount")));
            }
        }
        // money received credits receivables; money paid out debits payables
        BigDecimal amount = received ? paid.negate() : paid;
        lines.forEach((code, net) -> out.merge(code, net.multiply(amount).divide(total, 2,
                RoundingMode.HALF_UP), BigDecimal::add));
    }

    /**
     * Per invoice or bill (SourceID, lower case): the net of all its journals on profit-and-loss accounts, so a
     * voided document has nothing left and a changed one counts as it now stands.
     */
    private Map<String, Map<String, BigDecimal>> documentLines() {
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        for (ObjectNode journal : ledger.journals()) {
            String type = journal.path("SourceType").asString("");
            if (!type.equals("ACCREC") && !type.equals("ACCPAY")) {
                continue;
            }
            Map<String, BigDecimal> lines = out.computeIfAbsent(journal.path("SourceID").asString("")
                    .toLowerCase(Locale.ROOT), id -> new LinkedHashMap<>());
            for (JsonNode line : journal.path("JournalLines")) {
                String code = line.path("AccountCode").asString("");
                if (isProfitAndLoss(code)) {
                    lines.merge(code, JournalPosting.money(line.path("NetAmount")), BigDecimal::add);
                }
            }
        }
        return out;
    }

    private BigDecimal profit(Map<String, BigDecimal> movements) {
        return movements.entrySet().stream().filter(e -> isProfitAndLoss(e.getKey())).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add).negate();
    }

    private boolean isProfitAndLoss(String code) {
        JsonNode account = ledger.accountByCode(code);
        if (account == null) {
            return false;
        }
        String type = account.path("Type").asString("");
        return INCOME.contains(type) || OTHER_INCOME.contains(type) || COST_OF_SALES.contains(type)
                || EXPENSES.contains(type);
    }

    private List<JsonNode> accountsOfTypes(Set<String> types) {
        List<JsonNode> out = new ArrayList<>();
        for (ObjectNode account : ledger.records("Accounts")) {
            if (types.contains(account.path("Type").asString("")) && !account.path("Code").asString("").isEmpty()
                    && ledger.accountByCode(account.path("Code").asString()) == account) {
                out.add(account);
            }
        }
        return out;
    }

    private BigDecimal[] section(ArrayNode rows, String title, String totalLabel, Set<String> types,
            List<Map<String, BigDecimal>> sums, boolean credit) {
        ObjectNode section = sectionNode(title);
        BigDecimal[] total = zeros(sums.size());
        for (JsonNode account : accountsOfTypes(types)) {
            BigDecimal[] values = values(account, sums, credit);
            if (isZero(values)) {
                continue;
            }
            ((ArrayNode) section.get("Rows")).add(row(account.path("Name").asString(), account.path("AccountID")
                    .asString(), values));
            total = add(total, values);
        }
        ((ArrayNode) section.get("Rows")).add(summary(totalLabel, total));
        rows.add(section);
        return total;
    }

    private static BigDecimal[] values(JsonNode account, List<Map<String, BigDecimal>> sums, boolean credit) {
        String code = account.path("Code").asString();
        BigDecimal[] values = new BigDecimal[sums.size()];
        for (int i = 0; i < values.length; i++) {
            BigDecimal v = sums.get(i).getOrDefault(code, BigDecimal.ZERO.setScale(2));
            values[i] = credit ? v.negate() : v;
        }
        return values;
    }

    // ---- JSON shapes ----

    private ObjectNode envelope(String type, String name, List<String> titles, LocalDate date, ArrayNode rows) {
        ObjectNode report = Ledger.object();
        report.put("ReportID", type);
        report.put("ReportName", name);
        report.put("ReportType", type);
        ArrayNode titleArray = report.putArray("ReportTitles");
        titles.forEach(titleArray::add);
        report.put("ReportDate", XeroDates.reportDate(date));
        report.put("UpdatedDateUTC", XeroDates.msJsonNoOffset(now));
        report.putArray("Fields");
        report.set("Rows", rows);
        return report;
    }

    private static ObjectNode header(List<String> columns, String first) {
        ObjectNode header = Ledger.object();
        header.put("RowType", "Header");
        ArrayNode cells = header.putArray("Cells");
        if (first != null) {
            cells.addObject().put("Value", first);
        }
        columns.forEach(c -> cells.addObject().put("Value", c));
        return header;
    }

    private static ObjectNode sectionNode(String title) {
        ObjectNode section = Ledger.object();
        section.put("RowType", "Section");
        section.put("Title", title);
        section.putArray("Rows");
        return section;
    }

    private static ObjectNode titleOnly(String title) {
        return sectionNode(title);
    }

    private static ObjectNode summarySection(String label, BigDecimal[] values, boolean summaryRow) {
        ObjectNode section = sectionNode("");
        ObjectNode row = row(label, null, values);
        if (summaryRow) {
            row.put("RowType", "SummaryRow");
        }
        ((ArrayNode) section.get("Rows")).add(row);
        return section;
    }

    private static ObjectNode row(String label, String accountId, BigDecimal[] values) {
        List<String> cells = new ArrayList<>();
        cells.add(label);
        for (BigDecimal v : values) {
            cells.add(v.setScale(2).toPlainString());
        }
        return cellsRow(cells, accountId, accountId == null ? null : "account");
    }

    private static ObjectNode summary(String label, BigDecimal[] values) {
        return row(label, null, values).put("RowType", "SummaryRow");
    }

    private static ObjectNode cellsRow(List<String> values, String attribute, String attributeId) {
        ObjectNode row = Ledger.object();
        row.put("RowType", "Row");
        ArrayNode cells = row.putArray("Cells");
        for (String value : values) {
            ObjectNode cell = cells.addObject();
            cell.put("Value", value);
            if (attribute != null) {
                ObjectNode a = cell.putArray("Attributes").addObject();
                a.put("Value", attribute);
                a.put("Id", attributeId);
            }
        }
        return row;
    }

    // ---- small arithmetic ----

    private LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private LocalDate financialYearStart(LocalDate at) {
        JsonNode org = ledger.organisationRecord();
        int endMonth = org == null ? 3 : org.path("FinancialYearEndMonth").asInt(3);
        int endDay = org == null ? 31 : org.path("FinancialYearEndDay").asInt(31);
        LocalDate end = LocalDate.of(at.getYear(), endMonth, Math.min(endDay, LocalDate.of(at.getYear(), endMonth, 1)
                .lengthOfMonth()));
        return (at.isAfter(end) ? end : end.minusYears(1)).plusDays(1);
    }

    private static LocalDate dateOf(JsonNode value) {
        Instant instant = XeroDates.parseMsJson(value.asString(""));
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] out = new BigDecimal[n];
        java.util.Arrays.fill(out, BigDecimal.ZERO.setScale(2));
        return out;
    }

    private static BigDecimal[] add(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal[] out = new BigDecimal[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].add(b[i]);
        }
        return out;
    }

    private static BigDecimal[] subtract(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal[] out = new BigDecimal[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].subtract(b[i]);
        }
        return out;
    }

    private static boolean isZero(BigDecimal[] values) {
        for (BigDecimal v : values) {
            if (v.signum() != 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
