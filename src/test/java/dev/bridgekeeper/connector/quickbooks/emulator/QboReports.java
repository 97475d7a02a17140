package dev.bridgekeeper.connector.quickbooks.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The four reports a lending connector reads, in Intuit's report shape (Header, Columns.Column[],
 * Rows.Row[] of Section rows with Header/Rows/Summary and Data rows with ColData), computed from the
 * company's records so a connector can cross-check them: Profit and Loss (accrual: by TxnDate;
 * cash: only fully paid invoices and bills), Balance Sheet (balanced by construction through
 * retained earnings), and Aged Receivables / Payables (open balances by days past DueDate).
 */
final class QboReports {

    private QboReports() { }

    /**
     * Profit and Loss for {@code start}..{@code end}: one Total column, or with {@code summarizeBy} Month one column
     * per month of the range (the first and last clipped to it) and then the Total column.
     */
    static ObjectNode profitAndLoss(QboCompany c, LocalDate start, LocalDate end, String basis, String summarizeBy, Instant now) {
        Map<String, JsonNode> accounts = accounts(c);
        boolean monthly = MONTH.equals(summarizeBy);
        List<Period> periods = new ArrayList<>(monthly ? months(start, end) : List.of());
        periods.add(Period.total(start, end));
        List<List<Part>> columns = new ArrayList<>();
        for (Period p : periods) columns.add(profitAndLossParts(c, p.start, p.end, basis, accounts));
        ObjectNode report = header("ProfitAndLoss", basis, start, end, monthly ? MONTH : "Total", c, now, periods);
        render(report, columns, accounts);
        return report;
    }

    /**
     * Balance Sheet at {@code end}: one Total column, or with {@code summarizeBy} Month one column per month of
     * {@code start}..{@code end}, each the balances at that month's end (the last at {@code end}); a balance sheet
     * by month has no Total column, since balances do not add up across dates.
     */
    static ObjectNode balanceSheet(QboCompany c, LocalDate start, LocalDate end, String basis, String summarizeBy, Instant now) {
        Map<String, JsonNode> accounts = accounts(c);
        boolean monthly = MONTH.equals(summarizeBy) && start != null;
        List<Period> periods = monthly ? months(start, end) : List.of(Period.total(null, end));
        List<List<Part>> columns = new ArrayList<>();
        for (Period p : periods) columns.add(balanceSheetParts(c, p.end, accounts));
        ObjectNode report = header("BalanceSheet", basis, monthly ? start : null, end, monthly ? MONTH : "Total", c, now, periods);
        render(report, columns, accounts);
        return report;
    }

    private static List<Part> profitAndLossParts(QboCompany c, LocalDate start, LocalDate end, String basis,
                                                 Map<String, JsonNode> accounts) {
        Map<String, BigDecimal> income = new TreeMap<>();
        Map<String, BigDecimal> cogs = new TreeMap<>();
        Map<String, BigDecimal> expense = new TreeMap<>();
        Map<String, BigDecimal> otherIncome = new TreeMap<>();
        boolean cash = "Cash".equalsIgnoreCase(basis);
        for (String entity : List.of("Invoice", "SalesReceipt", "CreditMemo", "RefundReceipt")) {
            int sign = entity.equals("CreditMemo") || entity.equals("RefundReceipt") ? -1 : 1;
            for (JsonNode t : inPeriod(c, entity, start, end)) {
                if (cash && entity.equals("Invoice") && decimal(t, "Balance").signum() != 0) continue;
                for (JsonNode line : t.path("Line")) {
                    JsonNode d = line.path("SalesItemLineDetail");
                    if (d.isMissingNode()) continue;
                    add(income, d.path("ItemAccountRef").path("value").asString("5"), decimal(line, "Amount").multiply(BigDecimal.valueOf(sign)));
                }
            }
        }
        for (String entity : List.of("Bill", "Purchase", "VendorCredit")) {
            for (JsonNode t : inPeriod(c, entity, start, end)) {
                if (cash && entity.equals("Bill") && decimal(t, "Balance").signum() != 0) continue;
                int sign = entity.equals("VendorCredit") || t.path("Credit").asBoolean(false) ? -1 : 1;
                for (JsonNode line : t.path("Line")) {
                    String account = line.path("AccountBasedExpenseLineDetail").path("AccountRef").path("value").asString(null);
                    if (account == null) continue;
                    String type = accounts.containsKey(account) ? accounts.get(account).path("AccountType").asString() : "Expense";
                    add(type.equals("Cost of Goods Sold") ? cogs : expense, account, decimal(line, "Amount").multiply(BigDecimal.valueOf(sign)));
                }
            }
        }
        for (JsonNode t : inPeriod(c, "Deposit", start, end)) {
            for (JsonNode line : t.path("Line")) {
                String account = line.path("DepositLineDetail").path("AccountRef").path("value").asString(null);
                if (account != null && accounts.containsKey(account) && accounts.get(account).path("AccountType").asString().equals("Other Income")) {
                    add(otherIncome, account, decimal(line, "Amount"));
                }
            }
        }
        BigDecimal totalIncome = sum(income);
        BigDecimal gross = totalIncome.subtract(sum(cogs));
        BigDecimal operating = gross.subtract(sum(expense));
        return List.of(
                Part.section("Income", "Income", "Total Income", income),
                Part.section("COGS", "Cost of Goods Sold", "Total Cost of Goods Sold", cogs),
                Part.summary("GrossProfit", "Gross Profit", gross),
                Part.section("Expenses", "Expenses", "Total Expenses", expense),
                Part.summary("NetOperatingIncome", "Net Operating Income", operating),
                Part.section("OtherIncome", "Other Income", "Total Other Income", otherIncome),
                Part.summary("NetIncome", "Net Income", operating.add(sum(otherIncome))));
    }

    private static List<Part> balanceSheetParts(QboCompany c, LocalDate asOf, Map<String, JsonNode> accounts) {
        Map<String, BigDecimal> bank = new TreeMap<>();
        BigDecimal receivable = BigDecimal.ZERO;
        BigDecimal payable = BigDecimal.ZERO;
        BigDecimal card = BigDecimal.ZERO;
        for (JsonNode t : inPeriod(c, "Invoice", null, asOf)) receivable = receivable.add(decimal(t, "Balance"));
        for (JsonNode t : inPeriod(c, "Bill", null, asOf)) payable = payable.add(decimal(t, "Balance"));
        for (JsonNode t : inPeriod(c, "Deposit", null, asOf)) add(bank, t.path("DepositToAccountRef").path("value").asString(), decimal(t, "TotalAmt"));
        for (JsonNode t : inPeriod(c, "Purchase", null, asOf)) {
            String account = t.path("AccountRef").path("value").asString();
            BigDecimal amount = decimal(t, "TotalAmt").multiply(BigDecimal.valueOf(t.path("Credit").asBoolean(false) ? -1 : 1));
            if (account.equals("12")) card = card.add(amount); else add(bank, account, amount.negate());
        }
        for (JsonNode t : inPeriod(c, "Transfer", null, asOf)) {
            add(bank, t.path("FromAccountRef").path("value").asString(), decimal(t, "Amount").negate());
            add(bank, t.path("ToAccountRef").path("value").asString(), decimal(t, "Amount"));
        }
        for (JsonNode t : inPeriod(c, "BillPayment", null, asOf)) add(bank, "1", decimal(t, "TotalAmt").negate());
        Map<String, BigDecimal> assets = new LinkedHashMap<>(bank);
        assets.put("3", receivable);
        Map<String, BigDecimal> liabilities = new LinkedHashMap<>();
        liabilities.put("4", payable);
        liabilities.put("12", card);
        BigDecimal totalLiabilities = payable.add(card);
        Map<String, BigDecimal> equity = new LinkedHashMap<>();
        equity.put("RetainedEarnings", sum(assets).subtract(totalLiabilities));
        return List.of(
                Part.section("TotalAssets", "ASSETS", "TOTAL ASSETS", assets),
                Part.section("Liabilities", "Liabilities", "Total Liabilities", liabilities),
                Part.section("Equity", "Equity", "Total Equity", equity),
                Part.summary("TotalLiabilitiesAndEquity", "TOTAL LIABILITIES AND EQUITY", totalLiabilities.add(sum(equity))));
    }

    /** Aged Receivables (customers, invoices) or Aged Payables (vendors, bills), by days past DueDate at {@code reportDate}. */
    static ObjectNode aged(QboCompany c, boolean receivables, LocalDate reportDate, int agingPeriod, int periods, Instant now) {
        String entity = receivables ? "Invoice" : "Bill";
        String party = receivables ? "CustomerRef" : "VendorRef";
        Map<String, BigDecimal[]> byParty = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        for (JsonNode t : inPeriod(c, entity, null, reportDate)) {
            BigDecimal balance = decimal(t, "Balance");
            if (balance.signum() == 0) continue;
            LocalDate due = LocalDate.parse(t.path("DueDate").asString(t.path("TxnDate").asString()));
            long late = ChronoUnit.DAYS.between(due, reportDate);
            int bucket = late <= 0 ? 0 : (int) Math.min(periods, (late - 1) / agingPeriod + 1);
            String id = t.path(party).path("value").asString();
            names.put(id, t.path(party).path("name").asString(id));
            byParty.computeIfAbsent(id, k -> zeros(periods + 2))[bucket] = byParty.get(id)[bucket].add(balance);
        }
        ObjectNode report = QboWire.JSON.createObjectNode();
        ObjectNode h = report.putObject("Header");
        h.put("Time", QboWire.META_TIME.format(now.atZone(c.zone)));
        h.put("ReportName", receivables ? "AgedReceivables" : "AgedPayables");
        h.put("StartPeriod", reportDate.toString()).put("EndPeriod", reportDate.toString()).put("Currency", "USD");
        ArrayNode options = h.putArray("Option");
        options.addObject().put("Name", "report_date").put("Value", reportDate.toString());
        options.addObject().put("Name", "NoReportData").put("Value", String.valueOf(byParty.isEmpty()));
        ArrayNode cols = report.putObject("Columns").putArray("Column");
        column(cols, "", "Customer", null);
        column(cols, "Current", "Money", "current");
        for (int p = 1; p < periods; p++) {
            column(cols, ((p - 1) * agingPeriod + 1) + " - " + (p * agingPeriod), "Money", String.valueOf(p));
        }
        column(cols, ((periods - 1) * agingPeriod + 1) + " and over", "Money", String.valueOf(periods));
        column(cols, "Total", "Money", "total");
        ArrayNode rows = report.putObject("Rows").putArray("Row");
        BigDecimal[] totals = zeros(periods + 2);
        for (Map.Entry<String, BigDecimal[]> e : byParty.entrySet()) {
            BigDecimal[] b = e.getValue();
            for (int i = 0; i <= periods; i++) b[periods + 1] = b[periods + 1].add(b[i]);
            ObjectNode row = rows.addObject();
            ArrayNode data = row.putArray("ColData");
            data.addObject().put("value", names.get(e.getKey())).put("id", e.getKey());
            for (int i = 0; i <= periods + 1; i++) {
                data.addObject().put("value", b[i].signum() == 0 && i <= periods ? "" : money(b[i]));
                totals[i] = totals[i].add(b[i]);
            }
            row.put("type", "Data");
        }
        ObjectNode total = rows.addObject();
        ArrayNode data = total.putObject("Summary").putArray("ColData");
        data.addObject().put("value", "TOTAL");
        for (BigDecimal t : totals) data.addObject().put("value", money(t));
        total.put("type", "Section").put("group", "GrandTotal");
        return report;
    }

    // ---- shape helpers ----

    /** A report column's dates: a month of a monthly report (clipped to the range), or the whole range. */
    private record Period(LocalDate start, LocalDate end, String title, boolean month) {
        static Period total(LocalDate start, LocalDate end) {
            return new Period(start, end, "Total", false);
        }
    }

    /** A part of a report's rows: a section of account rows with a total, or a summary row with one figure. */
    private record Part(String group, String title, String totalTitle, Map<String, BigDecimal> amounts, BigDecimal amount) {
        static Part section(String group, String title, String totalTitle, Map<String, BigDecimal> amounts) {
            return new Part(group, title, totalTitle, amounts, null);
        }

        static Part summary(String group, String title, BigDecimal amount) {
            return new Part(group, title, null, null, amount);
        }
    }

    private static final String MONTH = "Month";
    private static final DateTimeFormatter MONTH_TITLE = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);

    /** One period per calendar month from {@code start} to {@code end}, the first and last clipped to them. */
    private static List<Period> months(LocalDate start, LocalDate end) {
        List<Period> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(end)); m = m.plusMonths(1)) {
            LocalDate from = start.isAfter(m.atDay(1)) ? start : m.atDay(1);
            LocalDate to = end.isBefore(m.atEndOfMonth()) ? end : m.atEndOfMonth();
            boolean whole = from.equals(m.atDay(1)) && to.equals(m.atEndOfMonth());
            String title = whole ? MONTH_TITLE.format(m)
                    : m.getMonth().getDisplayName(TextStyle.SHORT, Locale.US) + " " + from.getDayOfMonth() + "-" + to.getDayOfMonth() + ", " + m.getYear();
            out.add(new Period(from, to, title, true));
        }
        return out;
    }

    private static ObjectNode header(String name, String basis, LocalDate start, LocalDate end, String summarizeBy,
                                     QboCompany c, Instant now, List<Period> periods) {
        ObjectNode report = QboWire.JSON.createObjectNode();
        ObjectNode h = report.putObject("Header");
        h.put("Time", QboWire.META_TIME.format(now.atZone(c.zone)));
        h.put("ReportName", name);
        h.put("ReportBasis", "Cash".equalsIgnoreCase(basis) ? "Cash" : "Accrual");
        if (start != null) h.put("StartPeriod", start.toString());
        h.put("EndPeriod", end.toString());
        h.put("SummarizeColumnsBy", summarizeBy);
        h.put("Currency", "USD");
        ArrayNode options = h.putArray("Option");
        options.addObject().put("Name", "AccountingStandard").put("Value", "GAAP");
        options.addObject().put("Name", "NoReportData").put("Value", "false");
        ArrayNode cols = report.putObject("Columns").putArray("Column");
        column(cols, "", "Account", "account");
        for (Period p : periods) {
            if (!p.month) {
                column(cols, "Total", "Money", "total");
                continue;
            }
            ArrayNode meta = cols.addObject().put("ColTitle", p.title).put("ColType", "Money").putArray("MetaData");
            meta.addObject().put("Name", "StartDate").put("Value", p.start.toString());
            meta.addObject().put("Name", "EndDate").put("Value", p.end.toString());
            meta.addObject().put("Name", "ColKey").put("Value", p.title);
        }
        return report;
    }

    private static void column(ArrayNode cols, String title, String type, String key) {
        ObjectNode col = cols.addObject();
        col.put("ColTitle", title).put("ColType", type);
        if (key != null) col.putArray("MetaData").addObject().put("Name", "ColKey").put("Value", key);
    }

    /**
     * The rows of {@code columns} (each the same parts, figured for one column) side by side. An account row names
     * every account some column has; a column where the account had nothing to report shows {@code ""}.
     */
    private static void render(ObjectNode report, List<List<Part>> columns, Map<String, JsonNode> accounts) {
        ArrayNode rows = report.putObject("Rows").putArray("Row");
        List<Part> shape = columns.get(columns.size() - 1);
        for (int i = 0; i < shape.size(); i++) {
            Part part = shape.get(i);
            ObjectNode row = rows.addObject();
            if (part.amounts == null) {
                ArrayNode sum = row.putObject("Summary").putArray("ColData");
                sum.addObject().put("value", part.title);
                for (List<Part> col : columns) sum.addObject().put("value", money(col.get(i).amount));
                row.put("type", "Section").put("group", part.group);
                continue;
            }
            ArrayNode head = row.putObject("Header").putArray("ColData");
            head.addObject().put("value", part.title);
            for (int k = 0; k < columns.size(); k++) head.addObject().put("value", "");
            ArrayNode inner = row.putObject("Rows").putArray("Row");
            for (String key : keys(columns, i)) {
                ObjectNode data = inner.addObject();
                ArrayNode cells = data.putArray("ColData");
                JsonNode account = accounts.get(key);
                ObjectNode label = cells.addObject().put("value", account == null ? "Retained Earnings" : account.path("Name").asString());
                if (account != null) label.put("id", key);
                for (List<Part> col : columns) {
                    BigDecimal v = col.get(i).amounts.get(key);
                    cells.addObject().put("value", v == null ? "" : money(v));
                }
                data.put("type", "Data");
            }
            ArrayNode sum = row.putObject("Summary").putArray("ColData");
            sum.addObject().put("value", part.totalTitle);
            for (List<Part> col : columns) sum.addObject().put("value", money(sum(col.get(i).amounts)));
            row.put("type", "Section").put("group", part.group);
        }
    }

    /**
     * The accounts of part {@code i} over all columns, in the last column's order (the Total, or the latest balance
     * sheet, which names the most); an account only an earlier column has goes after its predecessor there.
     */
    private static List<String> keys(List<List<Part>> columns, int i) {
        List<String> keys = new ArrayList<>(columns.get(columns.size() - 1).get(i).amounts.keySet());
        for (List<Part> col : columns) {
            String previous = null;
            for (String key : col.get(i).amounts.keySet()) {
                if (!keys.contains(key)) keys.add(previous == null ? 0 : keys.indexOf(previous) + 1, key);
                previous = key;
            }
        }
        return keys;
    }

    private static BigDecimal sum(Map<String, BigDecimal> amounts) {
        return amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<JsonNode> inPeriod(QboCompany c, String entity, LocalDate start, LocalDate end) {
        return c.list(entity).stream().map(n -> (JsonNode) n).filter(n -> {
            LocalDate d = LocalDate.parse(n.path("TxnDate").asString());
            return (start == null || !d.isBefore(start)) && !d.isAfter(end);
        }).toList();
    }

    private static Map<String, JsonNode> accounts(QboCompany c) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode a : c.list("Account")) out.put(a.get("Id").asString(), a);
        return out;
    }

    private static void add(Map<String, BigDecimal> map, String key, BigDecimal amount) {
        map.merge(key, amount, BigDecimal::add);
    }

    static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? BigDecimal.ZERO : new BigDecimal(v.asString());
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] a = new BigDecimal[n];
        java.util.Arrays.fill(a, BigDecimal.ZERO);
        return a;
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
