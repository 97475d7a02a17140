package dev.bridgekeeper.data.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Codat's financial statements, built from the company's cached monthly balance sheets, profit and loss and cash flow. */
@RestController
@RequestMapping("/companies/{companyId}/data/financials")
@Tag(name = "Accounting")
class FinancialStatementsController {

    private static final String PERIOD_LENGTH = "Months in each period, 1 to 12.";
    private static final String PERIODS_TO_COMPARE = "How many periods to report, 1 to 24, most recent first.";
    private static final String START_MONTH = "First month of the earliest period (e.g. 2025-01-01); by default the"
            + " last period ends at the latest month with data.";

    private final FinancialStatements statements;

    FinancialStatementsController(FinancialStatements statements) {
        this.statements = statements;
    }

    @Operation(operationId = "get-balance-sheet", summary = "Get balance sheet")
    @GetMapping("/balanceSheet")
    JsonNode getBalanceSheet(@PathVariable("companyId") UUID companyId,
            @Parameter(description = PERIOD_LENGTH, required = true)
            @RequestParam(name = "periodLength", required = false) Integer periodLength,
            @Parameter(description = PERIODS_TO_COMPARE, required = true)
            @RequestParam(name = "periodsToCompare", required = false) Integer periodsToCompare,
            @Parameter(description = START_MONTH)
            @RequestParam(name = "startMonth", required = false) String startMonth) {
        return statements.balanceSheet(companyId, periodLength, periodsToCompare, startMonth);
    }

    @Operation(operationId = "get-profit-and-loss", summary = "Get profit and loss")
    @GetMapping("/profitAndLoss")
    JsonNode getProfitAndLoss(@PathVariable("companyId") UUID companyId,
            @Parameter(description = PERIOD_LENGTH, required = true)
            @RequestParam(name = "periodLength", required = false) Integer periodLength,
            @Parameter(description = PERIODS_TO_COMPARE, required = true)
            @RequestParam(name = "periodsToCompare", required = false) Integer periodsToCompare,
            @Parameter(description = START_MONTH)
            @RequestParam(name = "startMonth", required = false) String startMonth) {
        return statements.profitAndLoss(companyId, periodLength, periodsToCompare, startMonth);
    }

    @Operation(operationId = "get-cash-flow-statement", summary = "Get cash flow statement",
            description = "Operating activities only, as Codat's: each period's cash receipts and payments.")
    @GetMapping("/cashFlowStatement")
    JsonNode getCashFlowStatement(@PathVariable("companyId") UUID companyId,
            @Parameter(description = PERIOD_LENGTH, required = true)
            @RequestParam(name = "periodLength", required = false) Integer periodLength,
            @Parameter(description = PERIODS_TO_COMPARE, required = true)
            @RequestParam(name = "periodsToCompare", required = false) Integer periodsToCompare,
            @Parameter(description = START_MONTH)
            @RequestParam(name = "startMonth", required = false) String startMonth) {
        return statements.cashFlowStatement(companyId, periodLength, periodsToCompare, startMonth);
    }
}
