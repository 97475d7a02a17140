package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.CashFlowStatements;
import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Xero's profit and loss or balance sheet as Codat's monthly statements (one record per month, which the
 * financial statements endpoints add up into any period). One call answers twelve months: the month asked for and
 * eleven before it ({@code periods=11&timeframe=MONTH}), columns newest first. Months go back to the first one
 * dated on or after the sync settings' from-date (monthsToSync), else {@link #DEFAULT_MONTHS}; the cursor is the
 * newest month still to read and the organisation's currency (e.g. {@code 2025-06 NZD}). Xero's rows are
 * sections of account rows; their SummaryRows and the total-only sections are left out, the totals recomputed.
 */
final class XeroReportReader {

    /** How far back the statements go without a from-date. */
    static final int DEFAULT_MONTHS = 24;
    private static final int MONTHS_PER_CALL = 12;

    private XeroReportReader() {}

    static DataTypeReader profitAndLoss(XeroApi api, JsonMapper json, Clock clock) {
        return new Reader(api, json, clock, true, false);
    }

    static DataTypeReader balanceSheet(XeroApi api, JsonMapper json, Clock clock) {
        return new Reader(api, json, clock, false, false);
    }

    /**
     * {@code cashFlowStatement}: the profit and loss on the cash basis ({@code paymentsOnly=true}), each month
     * turned into Codat's direct cash flow statement by {@link CashFlowStatements}; Xero's API has no cash flow
     * report of its own.
     */
    static DataTypeReader cashFlowStatement(XeroApi api, JsonMapper json, Clock clock) {
        return new Reader(api, json, clock, true, true);
    }

    /**
     * @param profitAndLoss the profit and loss report, else the balance sheet
     * @param cash the profit and loss on the cash basis, as cash flow statements
     */
    private record Reader(XeroApi api, JsonMapper json, Clock clock, boolean profitAndLoss, boolean cash)
            implements DataTypeReader {

        @Override
        public void read(ReadContext context, ReadRequest request, PageSink sink) {
            YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
            YearMonth earliest = request.syncFrom() == null ? now.minusMonths(DEFAULT_MONTHS - 1)
                    : earliest(request.syncFrom());
            // the cursor carries the organisation's currency, so a resumed read does not ask for it again
            YearMonth newest = request.cursor() == null ? now : YearMonth.parse(request.cursor().split(" ")[0]);
            String currency = request.cursor() != null && request.cursor().contains(" ")
                    ? request.cursor().substring(request.cursor().indexOf(' ') + 1)
                    // shared: the company read and the other report ask for the same Organisation
                    : XeroMapping.text(api.get(context, "Organisation", Map.of(), null, true).path("Organisations")
                            .path(0), "BaseCurrency");
            int total = Math.max(1, (int) (now.getYear() * 12L + now.getMonthValue() - earliest.getYear() * 12L
                    - earliest.getMonthValue() + 1));
            while (!newest.isBefore(earliest)) {
                Map<String, String> query = new LinkedHashMap<>();
                LocalDate end = newest.atEndOfMonth();
                if (profitAndLoss) {
                    query.put("fromDate", newest.atDay(1).toString());
                    query.put("toDate", end.toString());
                } else {
                    query.put("date", end.toString());
                }
                query.put("periods", String.valueOf(MONTHS_PER_CALL - 1));
                query.put("timeframe", "MONTH");
                if (cash) {
                    query.put("paymentsOnly", "true");
                }
                JsonNode report = api.get(context, profitAndLoss ? "Reports/ProfitAndLoss" : "Reports/BalanceSheet",
                        query, null).path("Reports").path(0);
                List<ConnectorRecord> records = new ArrayList<>();
                for (int column = 1; column <= MONTHS_PER_CALL; column++) {
                    YearMonth month = newest.minusMonths(column - 1);
                    if (month.isBefore(earliest)) {
                        break;
                    }
                    records.add(cash ? cashFlowStatement(report, column, month, currency)
                            : profitAndLoss ? profitAndLoss(report, column, month, currency)
                            : balanceSheet(report, column, month, currency));
                }
                YearMonth next = newest.minusMonths(MONTHS_PER_CALL);
                boolean last = next.isBefore(earliest);
                int done = (int) (now.getYear() * 12L + now.getMonthValue() - next.getYear() * 12L
                        - next.getMonthValue());
                sink.accept(records, last ? null : next + (currency == null ? "" : " " + currency),
                        last ? 100 : Math.min(99, 100 * done / total));
                if (last) {
                    return;
                }
                newest = next;
            }
            sink.accept(List.of(), null, 100);
        }

        /** The first month whose record is dated on or after {@code from} (fromDate, or the balance sheet's date). */
        private YearMonth earliest(java.time.Instant from) {
            YearMonth month = YearMonth.from(LocalDate.ofInstant(from, ZoneOffset.UTC));
            LocalDate dated = profitAndLoss ? month.atDay(1) : month.atEndOfMonth();
            return dated.atStartOfDay().toInstant(ZoneOffset.UTC).isBefore(from) ? month.plusMonths(1) : month;
        }

        private ConnectorRecord profitAndLoss(JsonNode report, int column, YearMonth month, String currency) {
            return new ConnectorRecord(month.toString(), json.writeValueAsBytes(
                    profitAndLossOf(report, column, month, currency)), null, null, false);
        }

        private ConnectorRecord cashFlowStatement(JsonNode report, int column, YearMonth month, String currency) {
            ObjectNode r = json.createObjectNode();
            r.put("id", month.toString());
            r.setAll(CashFlowStatements.fromCashProfitAndLoss(profitAndLossOf(report, column, month, currency)));
            return new ConnectorRecord(month.toString(), json.writeValueAsBytes(r), null, null, false);
        }

        private ObjectNode profitAndLossOf(JsonNode report, int column, YearMonth month, String currency) {
            Map<String, ObjectNode> lines = new LinkedHashMap<>();
            for (String[] part : new String[][] {{"income", "Income"}, {"costOfSales", "Cost of sales"},
                {"expenses", "Expenses"}, {"otherIncome", "Other income"}, {"otherExpenses", "Other expenses"}}) {
                lines.put(part[0], line(part[1]));
            }
            for (JsonNode section : report.path("Rows")) {
                String part = profitAndLossPart(section.path("Title").asString(""));
                if (part != null && "Section".equals(section.path("RowType").asString(""))) {
                    addRows(lines.get(part), section, column);
                }
            }
            BigDecimal gross = value(lines.get("income")).subtract(value(lines.get("costOfSales")));
            BigDecimal operating = gross.subtract(value(lines.get("expenses")));
            BigDecimal other = value(lines.get("otherIncome")).subtract(value(lines.get("otherExpenses")));
            ObjectNode r = json.createObjectNode();
            r.put("id", month.toString());
            r.put("fromDate", XeroDates.date(month.atDay(1)));
            r.put("toDate", XeroDates.date(month.atEndOfMonth()));
            XeroMapping.put(r, "currency", currency);
            r.put("reportBasis", "Accrual");
            r.set("income", lines.get("income"));
            r.set("costOfSales", lines.get("costOfSales"));
            r.put("grossProfit", gross);
            r.set("expenses", lines.get("expenses"));
            r.put("netOperatingProfit", operating);
            r.set("otherIncome", lines.get("otherIncome"));
            r.set("otherExpenses", lines.get("otherExpenses"));
            r.put("netOtherIncome", other);
            r.put("netProfit", operating.add(other));
            return r;
        }

        private ConnectorRecord balanceSheet(JsonNode report, int column, YearMonth month, String currency) {
            ObjectNode assets = line("Assets");
            ObjectNode liabilities = line("Liabilities");
            ObjectNode equity = line("Equity");
            ObjectNode group = null;
            for (JsonNode section : report.path("Rows")) {
                if (!"Section".equals(section.path("RowType").asString(""))) {
                    continue;
                }
                String title = section.path("Title").asString("").trim();
                String lower = title.toLowerCase(Locale.ROOT);
                if (lower.equals("assets") || lower.equals("liabilities")) {
                    group = lower.equals("assets") ? assets : liabilities; // a heading: the sections below it
                } else if (lower.equals("equity")) {
                    addRows(equity, section, column);
                    group = null;
                } else if (!title.isEmpty() && group != null) {
                    ObjectNode sub = line(title);
                    addRows(sub, section, column);
                    ((ArrayNode) group.get("items")).add(sub);
                    group.put("value", value(group).add(value(sub)));
                }
            }
            ObjectNode r = json.createObjectNode();
            r.put("id", month.toString());
            r.put("date", XeroDates.date(month.atEndOfMonth()));
            XeroMapping.put(r, "currency", currency);
            r.set("assets", assets);
            r.set("liabilities", liabilities);
            r.set("equity", equity);
            r.put("netAssets", value(assets).subtract(value(liabilities)));
            return new ConnectorRecord(month.toString(), json.writeValueAsBytes(r), null, null, false);
        }

        /** The section's account rows into {@code line}'s items, their column's amounts added to its value. */
        private void addRows(ObjectNode line, JsonNode section, int column) {
            ArrayNode items = (ArrayNode) line.get("items");
            BigDecimal sum = value(line);
            for (JsonNode row : section.path("Rows")) {
                if (!"Row".equals(row.path("RowType").asString(""))) {
                    continue; // SummaryRow: the total, recomputed here
                }
                JsonNode cells = row.path("Cells");
                ObjectNode item = json.createObjectNode();
                for (JsonNode attribute : cells.path(0).path("Attributes")) {
                    if ("account".equalsIgnoreCase(attribute.path("Id").asString(""))) {
                        XeroMapping.put(item, "accountId", attribute.path("Value").asString(""));
                    }
                }
                item.put("name", cells.path(0).path("Value").asString(""));
                BigDecimal amount = amount(cells.path(column).path("Value").asString(""));
                item.put("value", amount);
                item.putArray("items");
                items.add(item);
                sum = sum.add(amount);
            }
            line.put("value", sum);
        }

        private ObjectNode line(String name) {
            ObjectNode line = json.createObjectNode();
            line.put("name", name);
            line.put("value", BigDecimal.ZERO);
            line.putArray("items");
            return line;
        }
    }

    /** Which part of Codat's profit and loss a Xero section holds (null: a total or heading). */
    static String profitAndLossPart(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        if (t.contains("cost of sales") || t.contains("direct cost")) {
            return "costOfSales";
        }
        if (t.contains("other income")) {
            return "otherIncome";
        }
        if (t.contains("other expense") || t.contains("non-operating expense")) {
            return "otherExpenses";
        }
        if (t.contains("expense")) {
            return "expenses";
        }
        if (t.contains("income") || t.contains("revenue")) {
            return "income";
        }
        return null;
    }

    private static BigDecimal value(JsonNode line) {
        return line.path("value").decimalValue();
    }

    private static BigDecimal amount(String text) {
        String cleaned = text.replace(",", "").trim();
        if (cleaned.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(cleaned);
        } catch (NumberFormatException notANumber) {
            return BigDecimal.ZERO;
        }
    }
}
