package dev.bridgekeeper.connector;

import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Codat's monthly cash flow statement (operating activities only, by the direct method) from a month's profit and
 * loss on the cash basis, for platforms whose API has no direct cash flow report but can report profit and loss on
 * the cash basis (Xero's {@code paymentsOnly}, QuickBooks' {@code accounting_method=Cash}). On that basis income
 * is what customers paid in the month and costs what was paid out, so the month's cash receipts are its income and
 * other income and its cash payments its cost of sales, expenses and other expenses. Each becomes an item of the
 * receipts or payments line, keeping its accounts beneath it: ids {@code income}, {@code otherIncome},
 * {@code costOfSales}, {@code expenses} and {@code otherExpenses}, as Codat names these groups.
 *
 * <p>Money that moves on the balance sheet only (loans, assets bought, owner's drawings, VAT) is not operating
 * activity and is left out, as Codat leaves it out.
 */
public final class CashFlowStatements {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String[]> RECEIPTS = List.of(new String[] {"income", "Income"},
            new String[] {"otherIncome", "Other Income"});
    private static final List<String[]> PAYMENTS = List.of(new String[] {"costOfSales", "Cost of Sales"},
            new String[] {"expenses", "Expenses"}, new String[] {"otherExpenses", "Other Expenses"});

    private CashFlowStatements() {}

    /**
     * The month's cash flow statement: {@code fromDate}, {@code toDate} and {@code currency} as the profit and loss
     * has them, {@code reportBasis} Cash and {@code reportInput} Direct, then {@code cashReceipts} and
     * {@code cashPayments}. The caller sets the record's id.
     *
     * @param profitAndLoss a monthly {@code profitAndLoss} record, read on the cash basis
     */
    public static ObjectNode fromCashProfitAndLoss(JsonNode profitAndLoss) {
        ObjectNode statement = NODES.objectNode();
        for (String field : List.of("fromDate", "toDate", "currency")) {
            if (profitAndLoss.path(field).isString()) {
                statement.put(field, profitAndLoss.path(field).asString());
            }
        }
        statement.put("reportBasis", "Cash");
        statement.put("reportInput", "Direct");
        statement.set("cashReceipts", line("cashReceipts", "Cash Receipts", profitAndLoss, RECEIPTS));
        statement.set("cashPayments", line("cashPayments", "Cash Payments", profitAndLoss, PAYMENTS));
        return statement;
    }

    private static ObjectNode line(String id, String name, JsonNode profitAndLoss, List<String[]> parts) {
        ArrayNode items = NODES.arrayNode();
        BigDecimal total = BigDecimal.ZERO;
        for (String[] part : parts) {
            JsonNode section = profitAndLoss.path(part[0]);
            BigDecimal value = section.path("value").isNumber() ? section.path("value").decimalValue()
                    : BigDecimal.ZERO;
            ObjectNode item = NODES.objectNode();
            item.put("accountId", part[0]);
            item.put("name", part[1]);
            item.put("value", value);
            item.set("items", section.path("items").isArray() ? section.path("items").deepCopy()
                    : NODES.arrayNode());
            items.add(item);
            total = total.add(value);
        }
        ObjectNode line = NODES.objectNode();
        line.put("accountId", id);
        line.put("name", name);
        line.put("value", total);
        line.set("items", items);
        return line;
    }
}
