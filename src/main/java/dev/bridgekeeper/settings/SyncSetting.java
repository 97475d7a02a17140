package dev.bridgekeeper.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How and when one data type is synced, in Codat's shape: on first link or not, every
 * {@code syncSchedule} hours, in {@code syncOrder}, from a date or a window of days, over so many months.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncSetting(
        String dataType,
        Boolean fetchOnFirstLink,
        Integer syncSchedule,
        Integer syncOrder,
        String syncFromUtc,
        Integer syncFromWindow,
        Integer monthsToSync,
        Boolean isLocked) {}
