package dev.bridgekeeper.connector.xero.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero's date formats: the Microsoft JSON form {@code /Date(1573755038314+0000)/} on most fields,
 * {@code DateString}-style {@code 2018-10-20T00:00:00}, and the human dates of reports ({@code 23 April 2019}).
 */
final class XeroDates {

    private static final Pattern MS_JSON = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final DateTimeFormatter DATE_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter REPORT_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter REPORT_COLUMN = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private XeroDates() {}

    /** {@code /Date(ms+0000)/}, as on UpdatedDateUTC and document dates. */
    static String msJson(Instant at) {
        return "/Date(" + at.toEpochMilli() + "+0000)/";
    }

    /** {@code /Date(ms)/} without offset, as on the envelope's DateTimeUTC. */
    static String msJsonNoOffset(Instant at) {
        return "/Date(" + at.toEpochMilli() + ")/";
    }

    static String msJson(LocalDate date) {
        return msJson(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** {@code 2018-10-20T00:00:00}, as on DateString and DueDateString. */
    static String dateString(LocalDate date) {
        return date.atStartOfDay().format(DATE_STRING);
    }

    static String reportDate(LocalDate date) {
        return date.format(REPORT_DATE);
    }

    static String reportColumn(LocalDate date) {
        return date.format(REPORT_COLUMN);
    }

    /** The instant of a {@code /Date(...)/} value, or null when the text is not one. */
    static Instant parseMsJson(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MS_JSON.matcher(text.trim());
        return m.matches() ? Instant.ofEpochMilli(Long.parseLong(m.group(1))) : null;
    }

    /**
     * An If-Modified-Since value: ISO 8601 with or without offset (no offset means UTC, as in Xero's
     * examples) or an RFC 1123 HTTP date. Null when unreadable.
     */
    static Instant parseModifiedSince(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // not ISO with an offset
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not ISO without an offset
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** A report or filter date {@code 2019-04-30}; null when unreadable. */
    static LocalDate parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim().length() > 10 ? text.trim().substring(0, 10) : text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
