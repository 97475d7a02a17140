package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.CashFlowStatements;
import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * QuickBooks' ProfitAndLoss and BalanceSheet reports of one month as the monthly statements the cache keeps (the
 * shape the financial statements endpoints sum into Codat's reports). A report is rows of {@code Section}s, found by
 * their {@code group} wherever they nest (Intuit nests Liabilities and Equity inside TotalLiabilitiesAndEquity):
 * a section's title is its Header, its value its Summary (or its Header's figure when it has no Summary figure, as
 * a collapsed section shows it; else the sum of its rows), its items its Data rows (account name and id) and inner
 * sections. Amounts are strings, {@code ""} for none. A section QuickBooks leaves out is a zero line.
 */
final class QboStatements {

    private final QboRecords records;

    QboStatements(QboRecords records) {
        this.records = records;
    }

    /** {@code profitAndLoss} of {@code month}. */
    ConnectorRecord profitAndLoss(YearMonth month, JsonNode report) {
        return records.record("pl-" + month, profitAndLossOf(month, report), timed(report));
    }

    /** {@code cashFlowStatement} of {@code month}, from its profit and loss on the cash basis. */
    ConnectorRecord cashFlowStatement(YearMonth month, JsonNode cashReport) {
        ObjectNode r = records.object().put("id", "cf-" + month);
        r.setAll(CashFlowStatements.fromCashProfitAndLoss(profitAndLossOf(month, cashReport)));
        return records.record("cf-" + month, r, timed(cashReport));
    }

    private ObjectNode profitAndLossOf(YearMonth month, JsonNode report) {
        ObjectNode r = records.object().put("id", "pl-" + month);
        r.put("fromDate", month.atDay(1) + "T00:00:00");
        r.put("toDate", month.atEndOfMonth() + "T00:00:00");
        header(r, report);
        JsonNode rows = report.path("Rows");
        ObjectNode income = line(rows, "Income", "Income");
        ObjectNode costOfSales = line(rows, "COGS", "Cost of Goods Sold");
        ObjectNode expenses = line(rows, "Expenses", "Expenses");
        ObjectNode otherIncome = line(rows, "OtherIncome", "Other Income");
        ObjectNode otherExpenses = line(rows, "OtherExpenses", "Other Expenses");
        BigDecimal gross = total(rows, "GrossProfit", value(income).subtract(value(costOfSales)));
        BigDecimal operating = total(rows, "NetOperatingIncome", gross.subtract(value(expenses)));
        BigDecimal netOther = total(rows, "NetOtherIncome", value(otherIncome).subtract(value(otherExpenses)));
        r.set("income", income);
        r.set("costOfSales", costOfSales);
        r.put("grossProfit", gross);
        r.set("expenses", expenses);
        r.put("netOperatingProfit", operating);
        r.set("otherIncome", otherIncome);
        r.set("otherExpenses", otherExpenses);
        r.put("netOtherIncome", netOther);
        r.put("netProfit", total(rows, "NetIncome", operating.add(netOther)));
        return r;
    }

    /** {@code balanceSheet} at the end of {@code month}. */
    ConnectorRecord balanceSheet(YearMonth month, JsonNode report) {
        ObjectNode r = records.object().put("id", "bs-" + month);
        r.put("date", month.atEndOfMonth() + "T00:00:00");
        header(r, report);
        JsonNode rows = report.path("Rows");
        ObjectNode assets = line(rows, "TotalAssets", "Assets");
        ObjectNode liabilities = line(rows, "Liabilities", "Liabilities");
        r.set("assets", assets);
        r.set("liabilities", liabilities);
        r.set("equity", line(rows, "Equity", "Equity"));
        r.put("netAssets", value(assets).subtract(value(liabilities)));
        return records.record("bs-" + month, r, timed(report));
    }

    private static void header(ObjectNode r, JsonNode report) {
        JsonNode header = report.path("Header");
        QboValues.put(r, "currency", QboValues.text(header, "Currency"));
        String basis = QboValues.text(header, "ReportBasis");
        if (basis != null) {
            r.put("reportBasis", "Cash".equalsIgnoreCase(basis) ? "Cash" : "Accrual");
        }
    }

    /** The report's time ({@code Header.Time}) as the record's modified date. */
    private ObjectNode timed(JsonNode report) {
        ObjectNode meta = records.object();
        meta.putObject("MetaData").put("LastUpdatedTime", QboValues.text(report.path("Header"), "Time"));
        return meta;
    }

    /** The section of {@code group} as a report line, or a zero line called {@code name}. */
    private ObjectNode line(JsonNode rows, String group, String name) {
        JsonNode section = find(rows, group);
        return section == null ? records.object().put("name", name).put("value", BigDecimal.ZERO)
                .set("items", records.object().arrayNode()) : section(section);
    }

    private ObjectNode section(JsonNode section) {
        ObjectNode line = records.object();
        QboValues.put(line, "name", QboValues.text(section.path("Header").path("ColData").path(0), "value"));
        ArrayNode items = line.putArray("items");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : section.path("Rows").path("Row")) {
            ObjectNode item;
            if ("Section".equals(QboValues.text(row, "type")) || row.has("Summary")) {
                item = section(row);
            } else {
                JsonNode label = row.path("ColData").path(0);
                item = records.object();
                QboValues.put(item, "accountId", QboValues.text(label, "id"));
                QboValues.put(item, "name", QboValues.text(label, "value"));
                item.put("value", amount(row.path("ColData").path(1)));
                item.putArray("items");
            }
            sum = sum.add(value(item));
            items.add(item);
        }
        BigDecimal figure = figure(section);
        line.put("value", figure != null ? figure : sum);
        if (!line.has("name")) {
            QboValues.put(line, "name", QboValues.text(section.path("Summary").path("ColData").path(0), "value"));
        }
        return line;
    }

    /** A summary-only section's figure ({@code GrossProfit}, {@code NetIncome}, …), or {@code otherwise}. */
    private static BigDecimal total(JsonNode rows, String group, BigDecimal otherwise) {
        JsonNode section = find(rows, group);
        BigDecimal figure = section == null ? null : figure(section);
        return figure == null ? otherwise : figure;
    }

    /**
     * A section's own figure: its Summary's, or its Header's (a section shown collapsed carries it there); null when
     * neither has one (an empty cell is no figure: the caller adds up the rows or works it out instead).
     */
    private static BigDecimal figure(JsonNode section) {
        for (String part : new String[] {"Summary", "Header"}) {
            JsonNode value = section.path(part).path("ColData").path(1).path("value");
            if (value.isNumber() || value.isString() && !value.asString().isBlank()) {
                return amount(section.path(part).path("ColData").path(1));
            }
        }
        return null;
    }

    /** The section of {@code group} among {@code rows} and their inner sections; null when there is none. */
    private static JsonNode find(JsonNode rows, String group) {
        for (JsonNode row : rows.path("Row")) {
            if (group.equals(QboValues.text(row, "group"))) {
                return row;
            }
            JsonNode inner = find(row.path("Rows"), group);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static BigDecimal amount(JsonNode colData) {
        return QboValues.decimal(colData, "value");
    }

    private static BigDecimal value(JsonNode line) {
        return QboValues.decimal(line, "value");
    }
}
