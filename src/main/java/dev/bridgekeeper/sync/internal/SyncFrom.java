package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.platform.IsoInstants;
import dev.bridgekeeper.settings.SyncSetting;
import dev.bridgekeeper.settings.SyncSettingsDirectory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * How far back a pull reads, from the company's (or the profile's) sync setting for the data type, as Codat
 * defines the fields: {@code syncFromUtc} (a date-time) or else {@code syncFromWindow} (months before now); for
 * the report data types ({@code financials/...}) {@code monthsToSync} (months before now) when neither is set.
 * Nothing set, or a window of 0, reads all history. Decided once when a pull starts fetching and kept on the
 * dataset, so a resumed pull reads the same range.
 */
@Component
class SyncFrom {

    /** The field that dates a record of the data type (its registry entry); null: records are never left out. */
    static String dateField(String dataType) {
        return DataTypes.find(dataType).map(DataType::dateField).orElse(null);
    }

    private final SyncSettingsDirectory settings;

    SyncFrom(SyncSettingsDirectory settings) {
        this.settings = settings;
    }

    /** The earliest record date this pull keeps, or null for all history. */
    Instant from(DatasetRow dataset, Instant now) {
        if (dateField(dataset.dataType()) == null) {
            return null;
        }
        Optional<SyncSetting> setting = settings.forCompany(dataset.client(), dataset.company()).stream()
                .filter(s -> s.dataType().equals(dataset.dataType())).findFirst();
        return setting.map(s -> from(s, dataset.dataType(), now)).orElse(null);
    }

    static Instant from(SyncSetting setting, String dataType, Instant now) {
        if (setting.syncFromUtc() != null) {
            return OffsetDateTime.parse(setting.syncFromUtc()).toInstant(); // validated when the setting was saved
        }
        Integer months = setting.syncFromWindow();
        boolean report = DataTypes.find(dataType).map(DataType::report).orElse(false);
        if (months == null && report) {
            months = setting.monthsToSync();
        }
        if (months == null || months <= 0) {
            return null;
        }
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    /** True when the record's date is known and earlier than {@code from}. */
    static boolean before(JsonNode record, String dataType, Instant from) {
        String field = dateField(dataType);
        if (field == null) {
            return false;
        }
        Instant date = parse(record.path(field).asString(null));
        return date != null && date.isBefore(from);
    }

    /** An ISO date-time with or without offset (no offset: UTC, as Codat's accounting dates), or a date. */
    static Instant parse(String text) {
        return IsoInstants.parseLenient(text);
    }
}
