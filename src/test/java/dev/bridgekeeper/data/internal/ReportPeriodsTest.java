package dev.bridgekeeper.data.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.data.internal.ReportPeriods.Period;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ErrorMessage;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The periods of a financial statement request: consecutive, most recent first, validated. */
class ReportPeriodsTest {

    private static final YearMonth LATEST = YearMonth.of(2025, 12);

    @Test
    void periodsStartAtStartMonthAndAreListedMostRecentFirst() {
        assertThat(ReportPeriods.of(3, 4, "2025-01-01", LATEST).periods()).containsExactly(
                new Period(YearMonth.of(2025, 10), YearMonth.of(2025, 12)),
                new Period(YearMonth.of(2025, 7), YearMonth.of(2025, 9)),
                new Period(YearMonth.of(2025, 4), YearMonth.of(2025, 6)),
                new Period(YearMonth.of(2025, 1), YearMonth.of(2025, 3)));
        assertThat(ReportPeriods.of(1, 1, "2024-06", LATEST).periods())
                .containsExactly(new Period(YearMonth.of(2024, 6), YearMonth.of(2024, 6)));
        assertThat(ReportPeriods.of(12, 1, "2025-03-01T00:00:00", LATEST).periods())
                .containsExactly(new Period(YearMonth.of(2025, 3), YearMonth.of(2026, 2)));
    }

    @Test
    void withoutStartMonthTheLastPeriodEndsAtTheLatestMonthWithData() {
        assertThat(ReportPeriods.of(2, 3, null, LATEST).periods()).containsExactly(
                new Period(YearMonth.of(2025, 11), YearMonth.of(2025, 12)),
                new Period(YearMonth.of(2025, 9), YearMonth.of(2025, 10)),
                new Period(YearMonth.of(2025, 7), YearMonth.of(2025, 8)));
    }

    @Test
    void badParametersAreRejectedNamingEachField() {
        assertRejected(null, 1, null, "periodLength");
        assertRejected(0, 1, null, "periodLength");
        assertRejected(13, 1, null, "periodLength");
        assertRejected(1, null, null, "periodsToCompare");
        assertRejected(1, 25, null, "periodsToCompare");
        assertRejected(1, 1, "2025-13-01", "startMonth");
        assertRejected(1, 1, "2025-02-30", "startMonth");
        assertRejected(1, 1, "soon", "startMonth");
    }

    private static void assertRejected(Integer length, Integer periods, String start, String field) {
        assertThatThrownBy(() -> ReportPeriods.of(length, periods, start, LATEST))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.fieldErrors()).extracting(ErrorMessage.ValidationItem::itemId).contains(field);
                });
    }
}
