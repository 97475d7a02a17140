package dev.bridgekeeper.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.CodatSchemas;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CashFlowStatementsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CASH_PROFIT_AND_LOSS = """
            {"id": "pl-2026-03", "fromDate": "2026-03-01T00:00:00", "toDate": "2026-03-31T00:00:00",
             "currency": "USD", "reportBasis": "Cash",
             "income": {"name": "Income", "value": 1200.50, "items": [
                {"accountId": "79", "name": "Sales", "value": 1000.50, "items": []},
                {"accountId": "82", "name": "Services", "value": 200, "items": []}]},
             "costOfSales": {"name": "Cost of Goods Sold", "value": 300, "items": [
                {"accountId": "80", "name": "Cost of Goods Sold", "value": 300, "items": []}]},
             "grossProfit": 900.50,
             "expenses": {"name": "Expenses", "value": 450.25, "items": [
                {"accountId": "7", "name": "Advertising", "value": 450.25, "items": []}]},
             "netOperatingProfit": 450.25,
             "otherIncome": {"name": "Other Income", "value": 25, "items": []},
             "otherExpenses": {"name": "Other Expenses", "value": 0, "items": []},
             "netOtherIncome": 25, "netProfit": 475.25}
            """;

    @Test
    void receiptsAreTheCashIncomeAndPaymentsTheCashCostsEachGroupKeepingItsAccounts() {
        ObjectNode statement = CashFlowStatements.fromCashProfitAndLoss(JSON.readTree(CASH_PROFIT_AND_LOSS));

        assertThat(statement.path("fromDate").asString()).isEqualTo("2026-03-01T00:00:00");
        assertThat(statement.path("toDate").asString()).isEqualTo("2026-03-31T00:00:00");
        assertThat(statement.path("currency").asString()).isEqualTo("USD");
        assertThat(statement.path("reportBasis").asString()).isEqualTo("Cash");
        assertThat(statement.path("reportInput").asString()).isEqualTo("Direct");
        assertThat(statement.has("id")).as("the caller names the record").isFalse();

        JsonNode receipts = statement.path("cashReceipts");
        assertThat(receipts.path("accountId").asString()).isEqualTo("cashReceipts");
        assertThat(receipts.path("value").decimalValue()).isEqualByComparingTo("1225.50");
        assertThat(receipts.path("items")).extracting(i -> i.path("accountId").asString())
                .containsExactly("income", "otherIncome");
        assertThat(receipts.path("items").path(0).path("items").path(0).path("accountId").asString()).isEqualTo("79");

        JsonNode payments = statement.path("cashPayments");
        assertThat(payments.path("value").decimalValue()).isEqualByComparingTo("750.25");
        assertThat(payments.path("items")).extracting(i -> i.path("accountId").asString())
                .containsExactly("costOfSales", "expenses", "otherExpenses");
        // receipts less payments is the month's net profit on the cash basis: operating cash flow, no more
        assertThat(receipts.path("value").decimalValue().subtract(payments.path("value").decimalValue()))
                .isEqualByComparingTo(new BigDecimal("475.25"));

        ObjectNode report = JSON.createObjectNode();
        ObjectNode entry = report.putArray("reports").addObject();
        entry.put("fromDate", statement.path("fromDate").asString());
        entry.put("toDate", statement.path("toDate").asString());
        entry.set("cashReceipts", receipts);
        entry.set("cashPayments", payments);
        report.put("reportBasis", "Cash").put("reportInput", "Direct").put("currency", "USD");
        assertThat(CodatSchemas.accounting().errors(report, "AccountingCashFlowStatement")).isEmpty();
    }

    @Test
    void aGroupThePlatformLeftOutIsAZeroItem() {
        ObjectNode statement = CashFlowStatements.fromCashProfitAndLoss(JSON.readTree("""
                {"fromDate": "2026-04-01T00:00:00", "toDate": "2026-04-30T00:00:00",
                 "income": {"name": "Income", "value": 10, "items": []}}
                """));
        assertThat(statement.path("cashReceipts").path("value").decimalValue()).isEqualByComparingTo("10");
        assertThat(statement.path("cashPayments").path("value").decimalValue()).isEqualByComparingTo("0");
        assertThat(statement.path("cashPayments").path("items")).hasSize(3)
                .allSatisfy(i -> assertThat(i.path("value").decimalValue()).isEqualByComparingTo("0"));
        assertThat(statement.has("currency")).isFalse();
    }
}
