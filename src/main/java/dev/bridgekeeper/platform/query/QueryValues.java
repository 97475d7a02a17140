package dev.bridgekeeper.platform.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads query values as typed Java values. Each method returns null when the text isn't one, so callers can
 * both validate (typed fields) and sniff (jsonb fields) with the same rules.
 */
final class QueryValues {

    /** Plain decimals with an optional short exponent: enough for money, small enough for PostgreSQL numeric. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private QueryValues() {
    }

    static BigDecimal number(String text) {
        return NUMBER.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** yyyy-MM-dd (midnight) or an ISO-8601 date-time; no offset means UTC. Years 1 to 9999 only. */
    static OffsetDateTime timestamp(String text) {
        OffsetDateTime parsed = parseTimestamp(text);
        return parsed != null && parsed.getYear() >= 1 && parsed.getYear() <= 9999 ? parsed : null;
    }

    /** yyyy-MM-dd, or a date-time at exactly midnight (the form Codat clients often send for dates). */
    static LocalDate date(String text) {
        OffsetDateTime parsed = timestamp(text);
        return parsed != null && parsed.toLocalTime().equals(LocalTime.MIDNIGHT) ? parsed.toLocalDate() : null;
    }

    static UUID uuid(String text) {
        return UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
    }

    private static OffsetDateTime parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notWithOffset) {
            // fall through to the forms without an offset
        }
        try {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocalDateTime) {
            // fall through to a bare date
        }
        try {
            return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
