package dev.bridgekeeper.connector.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Where a report section's figure is read from: Summary, else Header, else the rows or the figures around it. */
class QboStatementsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final QboStatements statements = new QboStatements(new QboRecords(json));

    @Test
    void aSummaryOnlySectionGivesItsFigureFromItsSummary() {
        JsonNode pl = profitAndLoss("""
                {"group":"GrossProfit","type":"Section",
                 "Summary":{"ColData":[{"value":"Gross Profit"},{"value":"70.00"}]}}""");

        assertThat(pl.path("grossProfit").decimalValue()).isEqualByComparingTo("70.00");
    }

    @Test
    void aSectionShownCollapsedGivesItsFigureFromItsHeader() {
        JsonNode pl = profitAndLoss("""
                {"group":"GrossProfit","type":"Section",
                 "Header":{"ColData":[{"value":"Gross Profit"},{"value":"65.50"}]}}""");

        assertThat(pl.path("grossProfit").decimalValue()).as("was 0: only the Summary was looked at")
                .isEqualByComparingTo("65.50");
    }

    @Test
    void aSectionWithAnEmptyFigureIsWorkedOutFromTheFiguresAroundIt() {
        JsonNode pl = profitAndLoss("""
                {"group":"GrossProfit","type":"Section",
                 "Summary":{"ColData":[{"value":"Gross Profit"},{"value":""}]}}""");

        assertThat(pl.path("grossProfit").decimalValue()).as("income 100 less cost of sales 30")
                .isEqualByComparingTo("70");
    }

    @Test
    void aSectionWhoseSummaryCellIsEmptyAddsUpItsRows() {
        JsonNode pl = statement("""
                {"Row":[{"group":"Income","type":"Section",
                  "Header":{"ColData":[{"value":"Income"},{"value":""}]},
                  "Rows":{"Row":[{"type":"Data","ColData":[{"value":"Sales","id":"1"},{"value":"60.00"}]},
                                 {"type":"Data","ColData":[{"value":"Services","id":"2"},{"value":"40.00"}]}]},
                  "Summary":{"ColData":[{"value":"Total Income"},{"value":""}]}}]}""");

        assertThat(pl.path("income").path("value").decimalValue()).as("was 0").isEqualByComparingTo("100.00");
        assertThat(pl.path("income").path("items")).hasSize(2);
    }

    /** A report with Income 100 and COGS 30, and {@code grossProfit} as given. */
    private JsonNode profitAndLoss(String grossProfit) {
        return statement("""
                {"Row":[
                 {"group":"Income","type":"Section","Header":{"ColData":[{"value":"Income"},{"value":""}]},
                  "Rows":{"Row":[{"type":"Data","ColData":[{"value":"Sales","id":"1"},{"value":"100.00"}]}]},
                  "Summary":{"ColData":[{"value":"Total Income"},{"value":"100.00"}]}},
                 {"group":"COGS","type":"Section","Header":{"ColData":[{"value":"Cost of Goods Sold"},{"value":""}]},
                  "Rows":{"Row":[{"type":"Data","ColData":[{"value":"Materials","id":"5"},{"value":"30.00"}]}]},
                  "Summary":{"ColData":[{"value":"Total Cost of Goods Sold"},{"value":"30.00"}]}},
                 %s]}""".formatted(grossProfit));
    }

    private JsonNode statement(String rows) {
        JsonNode report = json.readTree("""
                {"Header":{"Time":"2026-11-30T10:00:00-08:00","ReportBasis":"Accrual","Currency":"USD"},
                 "Rows":%s}""".formatted(rows));
        return json.readTree(statements.profitAndLoss(YearMonth.of(2026, 10), report).json());
    }

    @Test
    void theFixtureItselfReadsAsExpected() {
        JsonNode pl = profitAndLoss("""
                {"group":"NetIncome","type":"Section",
                 "Summary":{"ColData":[{"value":"Net Income"},{"value":"70.00"}]}}""");

        assertThat(pl.path("income").path("value").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(100));
        assertThat(pl.path("netProfit").decimalValue()).isEqualByComparingTo("70.00");
    }
}
