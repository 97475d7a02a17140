package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.ReadRequest;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * {@code profitAndLoss}, {@code balanceSheet} and {@code cashFlowStatement}: every whole month from the sync settings' from-date (Codat's default:
 * {@code monthsToSync} 24) or, without one, the {@link #MONTHS} months up to this one, read {@link #MONTHS_PER_CALL}
 * months a call ({@code reports/ProfitAndLoss?start_date&end_date&accounting_method=Accrual&summarize_column_by=Month};
 * the BalanceSheet's month columns are the balances at each month's end; the cash flow statement reads the
 * ProfitAndLoss with {@code accounting_method=Cash}) and split into one report per month, the
 * shape a month's own report has; the cursor is the next month to read. Read whole every time.
 */
final class QboStatementReader implements DataTypeReader {

    /** Months read without a from-date: Codat reads 24 months of statements by default. */
    static final int MONTHS = 24;

    /**
     * Months asked for in one report call: Intuit's report guide ("Run reports", developer.intuit.com) advises
     * limiting a report request's date range to six months.
     */
    static final int MONTHS_PER_CALL = 6;

    private final QuickBooksApi api;
    private final String report;
    private final String basis;
    private final BiFunction<YearMonth, JsonNode, ConnectorRecord> mapper;
    private final Clock clock;

    /**
     * @param report the report's name in its path, e.g. {@code ProfitAndLoss}
     * @param basis its {@code accounting_method}: {@code Accrual}, or {@code Cash} for the cash flow statement
     */
    QboStatementReader(QuickBooksApi api, String report, String basis,
            BiFunction<YearMonth, JsonNode, ConnectorRecord> mapper, Clock clock) {
        this.api = api;
        this.report = report;
        this.basis = basis;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        YearMonth last = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth first = last.minusMonths(MONTHS - 1);
        if (request.syncFrom() != null) {
            // whole months on or after the from-date: a month that began before it is left out
            ZonedDateTime from = request.syncFrom().atZone(ZoneOffset.UTC);
            YearMonth start = YearMonth.from(from);
            first = from.equals(start.atDay(1).atStartOfDay(ZoneOffset.UTC)) ? start : start.plusMonths(1);
        }
        YearMonth month = request.cursor() == null ? first : parse(request.cursor());
        if (first.isAfter(last)) {
            sink.accept(List.of(), null, 100);
            return;
        }
        long total = Math.max(1, first.until(last, ChronoUnit.MONTHS) + 1);
        while (!month.isAfter(last)) {
            YearMonth end = month.plusMonths(MONTHS_PER_CALL - 1);
            end = end.isAfter(last) ? last : end;
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("start_date", month.atDay(1).toString());
            parameters.put("end_date", end.atEndOfMonth().toString());
            parameters.put("accounting_method", basis);
            parameters.put("summarize_column_by", "Month");
            JsonNode answer = api.report(context, report, parameters);
            List<ConnectorRecord> records = new ArrayList<>();
            for (YearMonth m = month; !m.isAfter(end); m = m.plusMonths(1)) {
                records.add(mapper.apply(m, QboMonthColumns.month(answer, m)));
            }
            YearMonth next = end.plusMonths(1);
            sink.accept(records, next.isAfter(last) ? null : next.toString(),
                    (int) (100 * (first.until(next, ChronoUnit.MONTHS)) / total));
            month = next;
        }
    }

    private static YearMonth parse(String cursor) {
        try {
            return YearMonth.parse(cursor);
        } catch (DateTimeParseException e) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Unknown QuickBooks report position " + cursor + ".");
        }
    }
}
