package dev.bridgekeeper.connector.quickbooks.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
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

    static ObjectNode profitAndLoss(QboCompany c, LocalDate start, LocalDate end, String basis, Instant now) {
        Map<String, BigDecimal> income = new TreeMap<>();
        Map<String, BigDecimal> cogs = new TreeMap<>();
        Map<String, BigDecimal> expense = new TreeMap<>();
        Map<String, BigDecimal> otherIncome = new TreeMap<>();
        Map<String, JsonNode> accounts = accounts(c);
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
        ObjectNode report = header("ProfitAndLoss", basis, start, end, c, now);
        ArrayNode rows = report.putObject("Rows").putArray("Row");
        BigDecimal totalIncome = section(rows, "Income", "Income", "Total Income", income, accounts);
        BigDecimal totalCogs = section(rows, "COGS", "Cost of Goods Sold", "Total Cost of Goods Sold", cogs, accounts);
        summaryRow(rows, "GrossProfit", "Gross Profit", totalIncome.subtract(totalCogs));
        BigDecimal totalExpense = section(rows, "Expenses", "Expenses", "Total Expenses", expense, accounts);
        BigDecimal operating = totalIncome.subtract(totalCogs).subtract(totalExpense);
        summaryRow(rows, "NetOperatingIncome", "Net Operating Income", operating);
        BigDecimal other = section(rows, "OtherIncome", "Other Income", "Total Other Income", otherIncome, accounts);
        summaryRow(rows, "NetIncome", "Net Income", operating.add(other));
        return report;
    }

    static ObjectNode balanceSheet(QboCompany c, LocalDate asOf, String basis, Instant now) {
        Map<String, JsonNode> accounts = accounts(c);
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
        ObjectNode report = header("BalanceSheet", basis, null, asOf, c, now);
        ArrayNode rows = report.putObject("Rows").putArray("Row");
        Map<String, BigDecimal> assets = new LinkedHashMap<>(bank);
        assets.put("3", receivable);
        BigDecimal totalAssets = section(rows, "TotalAssets", "ASSETS", "TOTAL ASSETS", assets, accounts);
        Map<String, BigDecimal> liabilities = new LinkedHashMap<>();
        liabilities.put("4", payable);
        liabilities.put("12", card);
        BigDecimal totalLiabilities = section(rows, "Liabilities", "Liabilities", "Total Liabilities", liabilities, accounts);
        Map<String, BigDecimal> equity = new LinkedHashMap<>();
        equity.put("RetainedEarnings", totalAssets.subtract(totalLiabilities));
        BigDecimal totalEquity = section(rows, "Equity", "Equity", "Total Equity", equity, accounts);
        summaryRow(rows, "TotalLiabilitiesAndEquity", "TOTAL LIABILITIES AND EQUITY", totalLiabilities.add(totalEquity));
        return report;
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

    private static ObjectNode header(String name, String basis, LocalDate start, LocalDate end, QboCompany c, Instant now) {
        ObjectNode report = QboWire.JSON.createObjectNode();
        ObjectNode h = report.putObject("Header");
        h.put("Time", QboWire.META_TIME.format(now.atZone(c.zone)));
        h.put("ReportName", name);
        h.put("ReportBasis", "Cash".equalsIgnoreCase(basis) ? "Cash" : "Accrual");
        if (start != null) h.put("StartPeriod", start.toString());
        h.put("EndPeriod", end.toString());
        h.put("SummarizeColumnsBy", "Total");
        h.put("Currency", "USD");
        ArrayNode options = h.putArray("Option");
        options.addObject().put("Name", "AccountingStandard").put("Value", "GAAP");
        options.addObject().put("Name", "NoReportData").put("Value", "false");
        ArrayNode cols = report.putObject("Columns").putArray("Column");
        column(cols, "", "Account", "account");
        column(cols, "Total", "Money", "total");
        return report;
    }

    private static void column(ArrayNode cols, String title, String type, String key) {
        ObjectNode col = cols.addObject();
        col.put("ColTitle", title).put("ColType", type);
        if (key != null) col.putArray("MetaData").addObject().put("Name", "ColKey").put("Value", key);
    }

    private static BigDecimal section(ArrayNode rows, String group, String title, String totalTitle,
                                      Map<String, BigDecimal> amounts, Map<String, JsonNode> accounts) {
        ObjectNode section = rows.addObject();
        ArrayNode head = section.putObject("Header").putArray("ColData");
        head.addObject().put("value", title);
        head.addObject().put("value", "");
        ArrayNode inner = section.putObject("Rows").putArray("Row");
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : amounts.entrySet()) {
            ObjectNode row = inner.addObject();
            ArrayNode data = row.putArray("ColData");
            JsonNode account = accounts.get(e.getKey());
            ObjectNode label = data.addObject().put("value", account == null ? "Retained Earnings" : account.path("Name").asString());
            if (account != null) label.put("id", e.getKey());
            data.addObject().put("value", money(e.getValue()));
            row.put("type", "Data");
            total = total.add(e.getValue());
        }
        ArrayNode sum = section.putObject("Summary").putArray("ColData");
        sum.addObject().put("value", totalTitle);
        sum.addObject().put("value", money(total));
        section.put("type", "Section").put("group", group);
        return total;
    }

    private static void summaryRow(ArrayNode rows, String group, String title, BigDecimal amount) {
        ObjectNode row = rows.addObject();
        ArrayNode sum = row.putObject("Summary").putArray("ColData");
        sum.addObject().put("value", title);
        sum.addObject().put("value", money(amount));
        row.put("type", "Section").put("group", group);
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
