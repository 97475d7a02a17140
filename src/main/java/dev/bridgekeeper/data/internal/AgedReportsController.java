package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.data.internal.AgedReports.Side;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Codat's aged debtors and aged creditors reports, computed from the company's cached customers, invoices, credit
 * notes and payments (suppliers, bills, bill credit notes and bill payments), so they work for every platform.
 */
@RestController
@RequestMapping("/companies/{companyId}/reports")
@Tag(name = "Accounting")
class AgedReportsController {

    private static final String REPORT_DATE = "Date the report is generated up to (e.g. 2025-12-31); documents "
            + "issued on or after it are left out. Default: today (UTC).";
    private static final String PERIODS = "Number of periods, 1 to 100; the last one reaches back to the "
            + "earliest document. Default 4.";
    private static final String PERIOD_DAYS = "The length of a period in days, 1 to 366. Default 30.";

    private final AgedReports reports;

    AgedReportsController(AgedReports reports) {
        this.reports = reports;
    }

    @Operation(operationId = "get-aged-debtors-report", summary = "Aged debtors report",
            responses = @ApiResponse(responseCode = "200", description = "OK", content = @Content(
                    mediaType = "application/json",
                    schema = @Schema(ref = "#/components/schemas/AccountingAgedDebtorReport"))))
    @GetMapping("/agedDebtor")
    JsonNode agedDebtors(@PathVariable("companyId") UUID companyId,
            @Parameter(description = REPORT_DATE, schema = @Schema(type = "string", format = "date"))
            @RequestParam(name = "reportDate", required = false)
            String reportDate,
            @Parameter(description = PERIODS) @RequestParam(name = "numberOfPeriods", required = false)
            Integer numberOfPeriods,
            @Parameter(description = PERIOD_DAYS) @RequestParam(name = "periodLengthDays", required = false)
            Integer periodLengthDays) {
        return reports.report(companyId, Side.DEBTORS, reportDate, numberOfPeriods, periodLengthDays);
    }

    @Operation(operationId = "is-aged-debtor-report-available", summary = "Aged debtors report available",
            description = "Whether the company's customers, invoices, credit notes and payments have been synced.")
    @GetMapping("/agedDebtor/available")
    boolean agedDebtorsAvailable(@PathVariable("companyId") UUID companyId) {
        return reports.available(companyId, Side.DEBTORS);
    }

    @Operation(operationId = "get-aged-creditors-report", summary = "Aged creditors report",
            responses = @ApiResponse(responseCode = "200", description = "OK", content = @Content(
                    mediaType = "application/json",
                    schema = @Schema(ref = "#/components/schemas/AccountingAgedCreditorReport"))))
    @GetMapping("/agedCreditor")
    JsonNode agedCreditors(@PathVariable("companyId") UUID companyId,
            @Parameter(description = REPORT_DATE, schema = @Schema(type = "string", format = "date"))
            @RequestParam(name = "reportDate", required = false)
            String reportDate,
            @Parameter(description = PERIODS) @RequestParam(name = "numberOfPeriods", required = false)
            Integer numberOfPeriods,
            @Parameter(description = PERIOD_DAYS) @RequestParam(name = "periodLengthDays", required = false)
            Integer periodLengthDays) {
        return reports.report(companyId, Side.CREDITORS, reportDate, numberOfPeriods, periodLengthDays);
    }

    @Operation(operationId = "is-aged-creditors-report-available", summary = "Aged creditors report available",
            description = "Whether the company's suppliers, bills, bill credit notes and bill payments have been"
                    + " synced.")
    @GetMapping("/agedCreditor/available")
    boolean agedCreditorsAvailable(@PathVariable("companyId") UUID companyId) {
        return reports.available(companyId, Side.CREDITORS);
    }
}
