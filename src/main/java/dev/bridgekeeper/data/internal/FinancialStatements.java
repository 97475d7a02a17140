package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.data.internal.ReportPeriods.Period;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Codat's balance sheet, profit and loss and cash flow reports from the cached monthly statements: a
 * period's profit and loss or cash flow is the sum of its months (line by line, matched by account and name), and
 * its balance sheet is the one at the end of its last month (or the latest before that, carried forward).
 */
@Component
class FinancialStatements {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Fields of the cached monthly records that are not part of a report's period entry. */
    private static final List<String> RECORD_FIELDS = List.of("id", "currency", "reportBasis", "reportInput",
            "modifiedDate", "sourceModifiedDate", "metadata");
    private static final List<String> PROFIT_LINES = List.of("income", "costOfSales", "expenses", "otherIncome",
            "otherExpenses");
    private static final List<String> PROFIT_TOTALS = List.of("grossProfit", "netOperatingProfit",
            "netOtherIncome", "netProfit");
    private static final List<String> CASH_FLOW_LINES = List.of("cashReceipts", "cashPayments");

    private final CachedData data;

    FinancialStatements(CachedData data) {
        this.data = data;
    }

    JsonNode balanceSheet(UUID companyId, Integer periodLength, Integer periodsToCompare, String startMonth) {
        Map<YearMonth, JsonNode> months = monthly(companyId, "balanceSheet", "date");
        ReportPeriods periods = ReportPeriods.of(periodLength, periodsToCompare, startMonth,
                months.isEmpty() ? YearMonth.now() : last(months));
        if (months.isEmpty()) {
            throw ReportPeriods.notSynced("balanceSheet", companyId);
        }
        ArrayNode reports = NODES.arrayNode();
        for (Period period : periods.periods()) {
            JsonNode latest = null;
            for (Map.Entry<YearMonth, JsonNode> month : months.entrySet()) {
                if (!month.getKey().isAfter(period.last())) {
                    latest = month.getValue();
                }
            }
            ObjectNode report = latest == null ? zeroed(first(months)) : statement(latest);
            report.put("date", period.last().atEndOfMonth() + "T00:00:00");
            reports.add(report);
        }
        return envelope(months, reports, null);
    }

    JsonNode profitAndLoss(UUID companyId, Integer periodLength, Integer periodsToCompare, String startMonth) {
        return summed(companyId, "profitAndLoss", PROFIT_LINES, PROFIT_TOTALS, periodLength, periodsToCompare,
                startMonth);
    }

    /**
     * Codat's cash flow statement: operating activities only, each period the sum of its months' cash receipts
     * and payments, line by line; the basis and input (direct or indirect) are the monthly records'.
     */
    JsonNode cashFlowStatement(UUID companyId, Integer periodLength, Integer periodsToCompare, String startMonth) {
        return summed(companyId, "cashFlowStatement", CASH_FLOW_LINES, List.of(), periodLength, periodsToCompare,
                startMonth);
    }

    /** A report of periods that each add up their months' {@code lines} and {@code totals}. */
    private ObjectNode summed(UUID companyId, String dataType, List<String> lines, List<String> totals,
            Integer periodLength, Integer periodsToCompare, String startMonth) {
        Map<YearMonth, JsonNode> months = monthly(companyId, dataType, "fromDate");
        ReportPeriods periods = ReportPeriods.of(periodLength, periodsToCompare, startMonth,
                months.isEmpty() ? YearMonth.now() : last(months));
        if (months.isEmpty()) {
            throw ReportPeriods.notSynced(dataType, companyId);
        }
        ArrayNode reports = NODES.arrayNode();
        for (Period period : periods.periods()) {
            ObjectNode report = zeroed(first(months));
            for (Map.Entry<YearMonth, JsonNode> month : months.entrySet()) {
                if (period.contains(month.getKey())) {
                    add(report, month.getValue(), lines, totals);
                }
            }
            report.put("fromDate", period.first().atDay(1) + "T00:00:00");
            report.put("toDate", period.last().atEndOfMonth() + "T00:00:00");
            reports.add(report);
        }
        boolean cashFlow = dataType.equals("cashFlowStatement");
        ObjectNode envelope = envelope(months, reports, first(months).path("reportBasis")
                .asString(cashFlow ? "Cash" : "Accrual"));
        if (cashFlow) {
            // Codat's cash flow statement also says how it was prepared; Codat's own are direct
            envelope.put("reportInput", first(months).path("reportInput").asString("Direct"));
        }
        return envelope;
    }

    /** The data type's monthly records by the month of {@code dateField}, earliest first. */
    private Map<YearMonth, JsonNode> monthly(UUID companyId, String dataType, String dateField) {
        List<JsonNode> records = new ArrayList<>(data.all(companyId, dataType));
        records.removeIf(r -> r.path(dateField).asString("").length() < 7);
        records.sort(Comparator.comparing(r -> r.path(dateField).asString()));
        Map<YearMonth, JsonNode> months = new LinkedHashMap<>();
        records.forEach(r -> months.put(YearMonth.parse(r.path(dateField).asString().substring(0, 7)), r));
        return months;
    }

    private static JsonNode first(Map<YearMonth, JsonNode> months) {
        return months.values().iterator().next();
    }

    private static YearMonth last(Map<YearMonth, JsonNode> months) {
        return months.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    private static ObjectNode envelope(Map<YearMonth, JsonNode> months, ArrayNode reports, String reportBasis) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("currency", first(months).path("currency").asString("GBP"));
        if (reportBasis != null) {
            envelope.put("reportBasis", reportBasis);
        }
        YearMonth earliest = months.keySet().iterator().next();
        envelope.put("earliestAvailableMonth", earliest.atDay(1) + "T00:00:00");
        envelope.put("mostRecentAvailableMonth", last(months).atDay(1) + "T00:00:00");
        envelope.set("reports", reports);
        return envelope;
    }

    /** A copy of a monthly record as a report entry, without the cache's own fields. */
    private static ObjectNode statement(JsonNode record) {
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        RECORD_FIELDS.forEach(copy::remove);
        return copy;
    }

    /** The record's shape with every amount zero. */
    private static ObjectNode zeroed(JsonNode record) {
        ObjectNode copy = statement(record);
        for (String field : copy.propertyNames().stream().toList()) {
            JsonNode value = copy.get(field);
            if (value.isNumber()) {
                copy.put(field, BigDecimal.ZERO);
            } else if (value.isObject()) {
                copy.set(field, zeroLine(value));
            }
        }
        return copy;
    }

    private static ObjectNode zeroLine(JsonNode line) {
        ObjectNode copy = ((ObjectNode) line).deepCopy();
        copy.put("value", BigDecimal.ZERO);
        ArrayNode items = NODES.arrayNode();
        line.path("items").forEach(item -> items.add(zeroLine(item)));
        copy.set("items", items);
        return copy;
    }

    /** Adds one month's statement into the period's. */
    private static void add(ObjectNode period, JsonNode month, List<String> lines, List<String> totals) {
        for (String total : totals) {
            period.put(total, decimal(period.path(total)).add(decimal(month.path(total))));
        }
        for (String line : lines) {
            if (month.path(line).isObject()) {
                if (!period.path(line).isObject()) {
                    period.set(line, zeroLine(month.path(line)));
                }
                addLine((ObjectNode) period.get(line), month.path(line));
            }
        }
    }

    /** Sums a report line and, recursively, its items matched by account id and name. */
    private static void addLine(ObjectNode into, JsonNode line) {
        into.put("value", decimal(into.path("value")).add(decimal(line.path("value"))));
        ArrayNode items = into.withArray("items");
        for (JsonNode item : line.path("items")) {
            ObjectNode match = null;
            for (JsonNode existing : items) {
                if (key(existing).equals(key(item))) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                match = zeroLine(item);
                items.add(match);
            }
            addLine(match, item);
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : BigDecimal.ZERO;
    }

    private static String key(JsonNode line) {
        return line.path("accountId").asString("") + "|" + line.path("name").asString("");
    }
}
