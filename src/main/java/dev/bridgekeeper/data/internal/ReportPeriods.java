package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods of a financial statement request, as Codat defines them: {@code periodsToCompare} periods of
 * {@code periodLength} months each, the earliest starting at {@code startMonth} and each following on from the
 * previous one, listed most recent first. Without {@code startMonth} the last period ends at the latest month
 * the company has data for.
 */
record ReportPeriods(List<Period> periods) {

    static final int MAX_PERIOD_LENGTH = 12;
    static final int MAX_PERIODS = 24;

    /** Months {@code first} to {@code last}, inclusive. */
    record Period(YearMonth first, YearMonth last) {

        boolean contains(YearMonth month) {
            return !month.isBefore(first) && !month.isAfter(last);
        }
    }

    static ReportPeriods of(Integer periodLength, Integer periodsToCompare, String startMonth, YearMonth latest) {
        ValidationErrors errors = new ValidationErrors();
        if (periodLength == null) {
            errors.reject("periodLength", "Query parameter \"periodLength\" is required.");
        } else if (periodLength < 1 || periodLength > MAX_PERIOD_LENGTH) {
            errors.reject("periodLength", "\"periodLength\" must be 1 to " + MAX_PERIOD_LENGTH + " months.");
        }
        if (periodsToCompare == null) {
            errors.reject("periodsToCompare", "Query parameter \"periodsToCompare\" is required.");
        } else if (periodsToCompare < 1 || periodsToCompare > MAX_PERIODS) {
            errors.reject("periodsToCompare", "\"periodsToCompare\" must be 1 to " + MAX_PERIODS + ".");
        }
        YearMonth start = null;
        if (startMonth != null && !startMonth.isBlank()) {
            start = month(startMonth.trim());
            if (start == null) {
                errors.reject("startMonth", "\"startMonth\" must be a date such as 2025-01-01 (or a month, 2025-01).");
            }
        }
        errors.throwIfAny();
        if (start == null) {
            start = latest.minusMonths((long) periodLength * periodsToCompare - 1);
        }
        List<Period> periods = new ArrayList<>();
        for (int k = periodsToCompare - 1; k >= 0; k--) {
            YearMonth first = start.plusMonths((long) k * periodLength);
            periods.add(new Period(first, first.plusMonths(periodLength - 1)));
        }
        return new ReportPeriods(periods);
    }

    /** {@code 2025-01}, {@code 2025-01-01} or {@code 2025-01-01T00:00:00}: the month it falls in. */
    private static YearMonth month(String text) {
        if (text.length() < 7) {
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(text.substring(0, 7));
            if (text.length() > 7) {
                java.time.LocalDate.parse(text.substring(0, Math.min(10, text.length())));
            }
            return month;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ApiException notSynced(String dataType, Object companyId) {
        return ApiException.notFound("No " + dataType + " has been synced for company " + companyId
                + " yet; queue " + dataType + " first.");
    }
}
