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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * {@code profitAndLoss} and {@code balanceSheet}: one report per month
 * ({@code reports/ProfitAndLoss?start_date&end_date&accounting_method=Accrual}; the BalanceSheet's is at the month's
 * end), every whole month from the sync settings' from-date (Codat's default: {@code monthsToSync} 24) or, without
 * one, the {@link #MONTHS} months up to this one; the cursor is the next month. Read whole every time.
 */
final class QboStatementReader implements DataTypeReader {

    /** Months read without a from-date: Codat reads 24 months of statements by default. */
    static final int MONTHS = 24;

    private final QuickBooksApi api;
    private final String report;
    private final BiFunction<YearMonth, JsonNode, ConnectorRecord> mapper;
    private final Clock clock;

    QboStatementReader(QuickBooksApi api, String report, BiFunction<YearMonth, JsonNode, ConnectorRecord> mapper,
            Clock clock) {
        this.api = api;
        this.report = report;
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
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("start_date", month.atDay(1).toString());
            parameters.put("end_date", month.atEndOfMonth().toString());
            parameters.put("accounting_method", "Accrual");
            JsonNode answer = api.report(context, report, parameters);
            YearMonth next = month.plusMonths(1);
            sink.accept(List.of(mapper.apply(month, answer)), next.isAfter(last) ? null : next.toString(),
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
