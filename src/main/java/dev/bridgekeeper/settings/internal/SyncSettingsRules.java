package dev.bridgekeeper.settings.internal;

import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.settings.SyncSetting;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation and defaults for sync settings, shared by the profile and company endpoints. */
final class SyncSettingsRules {

    static final int MAX_SCHEDULE_HOURS = 8760;
    static final int MAX_MONTHS = 240;

    private SyncSettingsRules() {}

    /** Every known data type; those Bridgekeeper syncs are fetched on first link, daily. */
    static List<SyncSetting> defaults() {
        List<SyncSetting> settings = new ArrayList<>();
        int order = 0;
        for (DataType type : DataTypes.all()) {
            boolean synced = type.synced();
            settings.add(new SyncSetting(type.name(), synced, synced ? 24 : 0, order++, null, null,
                    synced ? 24 : null, false));
        }
        return settings;
    }

    static void check(List<SyncSetting> settings, ValidationErrors errors) {
        if (settings == null) {
            errors.reject("settings", "\"settings\" is required: a list of sync settings, one per data type.");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < settings.size(); i++) {
            SyncSetting s = settings.get(i);
            String at = "settings[" + i + "]";
            if (s == null) {
                errors.reject(at, "\"" + at + "\" must be an object.");
                continue;
            }
            if (s.dataType() == null || !DataTypes.isKnown(s.dataType())) {
                errors.reject(at + ".dataType", "\"" + at + ".dataType\" must be a known data type (got "
                        + (s.dataType() == null ? "nothing" : "\"" + s.dataType() + "\"") + ").");
            } else if (!seen.add(s.dataType())) {
                errors.reject(at + ".dataType", "Data type \"" + s.dataType() + "\" appears more than once.");
            }
            if (s.fetchOnFirstLink() == null) {
                errors.reject(at + ".fetchOnFirstLink", "\"" + at + ".fetchOnFirstLink\" is required.");
            }
            if (s.syncSchedule() == null || s.syncSchedule() < 0 || s.syncSchedule() > MAX_SCHEDULE_HOURS) {
                errors.reject(at + ".syncSchedule", "\"" + at + ".syncSchedule\" is required: hours between syncs, 0 to "
                        + MAX_SCHEDULE_HOURS + " (0 means only on request).");
            }
            if (s.syncOrder() == null || s.syncOrder() < 0) {
                errors.reject(at + ".syncOrder", "\"" + at + ".syncOrder\" is required and must be 0 or more.");
            }
            if (s.syncFromUtc() != null) {
                try {
                    OffsetDateTime.parse(s.syncFromUtc());
                } catch (DateTimeParseException e) {
                    errors.reject(at + ".syncFromUtc", "\"" + at + ".syncFromUtc\" must be an ISO-8601 date-time"
                            + " such as 2024-01-01T00:00:00Z.");
                }
                if (s.syncFromWindow() != null) {
                    errors.reject(at + ".syncFromWindow", "Set either \"syncFromUtc\" or \"syncFromWindow\" in " + at
                            + ", not both.");
                }
            }
            if (s.syncFromWindow() != null && s.syncFromWindow() < 0) {
                errors.reject(at + ".syncFromWindow", "\"" + at + ".syncFromWindow\" must be 0 or more months.");
            }
            if (s.monthsToSync() != null && (s.monthsToSync() < 1 || s.monthsToSync() > MAX_MONTHS)) {
                errors.reject(at + ".monthsToSync", "\"" + at + ".monthsToSync\" must be between 1 and " + MAX_MONTHS
                        + ".");
            }
        }
    }
}
