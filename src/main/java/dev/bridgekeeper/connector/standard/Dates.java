package dev.bridgekeeper.connector.standard;

import dev.bridgekeeper.platform.IsoInstants;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The standard model's dates: ISO date-times with or without offset (none: UTC), or dates. */
final class Dates {

    private Dates() {}

    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant common = IsoInstants.parseCommon(text); // the usual shape, without the JDK's slow parsers
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }
    }
}
