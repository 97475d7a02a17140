package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.settings.SyncSetting;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncFromTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static SyncSetting setting(String from, Integer window, Integer months) {
        return new SyncSetting("invoices", true, 24, 0, from, window, months, false);
    }

    @Test
    void syncFromUtcThenTheWindowInMonthsThenMonthsToSyncForReports() {
        assertThat(SyncFrom.from(setting("2025-01-01T00:00:00Z", null, null), "invoices", NOW))
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(SyncFrom.from(setting(null, 6, null), "invoices", NOW))
                .isEqualTo(Instant.parse("2026-05-25T12:00:00Z"));
        assertThat(SyncFrom.from(setting(null, null, 12), "invoices", NOW)).as("monthsToSync: reports only").isNull();
        assertThat(SyncFrom.from(setting(null, null, 12), "profitAndLoss", NOW))
                .isEqualTo(Instant.parse("2025-11-25T12:00:00Z"));
        assertThat(SyncFrom.from(setting(null, 0, null), "invoices", NOW)).as("a window of 0: all history").isNull();
        assertThat(SyncFrom.from(setting(null, null, null), "invoices", NOW)).isNull();
    }

    @Test
    void datesAreReadWithOrWithoutOffset() {
        assertThat(SyncFrom.parse("2025-01-02T03:04:05+01:00")).isEqualTo(Instant.parse("2025-01-02T02:04:05Z"));
        assertThat(SyncFrom.parse("2025-01-02T03:04:05")).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(SyncFrom.parse("2025-01-02")).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(SyncFrom.parse("soon")).isNull();
    }
}
