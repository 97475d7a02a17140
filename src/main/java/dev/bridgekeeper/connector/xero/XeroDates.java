package dev.bridgekeeper.connector.xero;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero's dates: the Microsoft JSON form {@code /Date(1573755038314+0000)/} (milliseconds since the epoch, the
 * offset only telling the organisation's zone) on most fields, and {@code 2018-10-20T00:00:00} on the *String
 * fields. Written out in Codat's forms: instants with {@code Z}, dates as unqualified midnight.
 */
final class XeroDates {

    private static final Pattern MS_JSON = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private XeroDates() {}

    /** The instant of {@code /Date(...)/} or of an ISO date-time (no offset: UTC); null when neither. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = MS_JSON.matcher(text.trim());
        if (m.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                return null;
            }
        }
    }

    /** A timestamp as Codat writes one: {@code 2026-06-30T10:15:00Z} (whole seconds unless it has more). */
    static String timestamp(Instant at) {
        return at == null ? null : at.toString();
    }

    /** A document date (Xero keeps dates at midnight) as Codat writes one: {@code 2026-06-30T00:00:00}. */
    static String date(Instant at) {
        return at == null ? null : date(LocalDate.ofInstant(at, ZoneOffset.UTC));
    }

    static String date(LocalDate date) {
        return date.atStartOfDay().truncatedTo(ChronoUnit.SECONDS) + ":00";
    }

    /** The If-Modified-Since value Xero's description declares (date-time), whole seconds, rounded down. */
    static String ifModifiedSince(Instant since) {
        return since.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
