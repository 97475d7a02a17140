package dev.bridgekeeper.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 instants written and read by hand for the common shape ({@code 2025-06-01T00:00:10Z}, with optional
 * fraction and {@code ±HH:MM} offset). Why: {@link Instant#toString()} and the {@code DateTimeFormatter} parsers
 * were a third of the sync thread's CPU at a million records; results are exactly theirs, and anything outside
 * the common shape is handed to them.
 */
public final class IsoInstants {

    private IsoInstants() {}

    /** The same text as {@link Instant#toString()}. */
    public static String format(Instant instant) {
        return append(new StringBuilder(24), instant).toString();
    }

    /** Appends the same text as {@link Instant#toString()}. */
    public static StringBuilder append(StringBuilder out, Instant instant) {
        long seconds = instant.getEpochSecond();
        // years 1970..9999 only (the usual case); the JDK handles the rest
        if (seconds < 0 || seconds >= 253_402_300_800L) {
            return out.append(instant);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        four(out, t.getYear()).append('-');
        two(out, t.getMonthValue()).append('-');
        two(out, t.getDayOfMonth()).append('T');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
        int nanos = instant.getNano();
        if (nanos > 0) { // as the JDK: 3, 6 or 9 digits
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(out, nanos / 1000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z');
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)?} as an instant (no offset: UTC); null when the text has
     * another shape (or an impossible date), so the caller falls back to the JDK's parsers.
     */
    public static Instant parseCommon(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 7);
        int day = num(s, 8, 10);
        int hour = num(s, 11, 13);
        int minute = num(s, 14, 16);
        int second = num(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int length = i - start;
            if (length < 1 || length > 9) {
                return null;
            }
            nanos = num(s, start, i);
            for (int k = length; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n) {
            offsetSeconds = 0;
        } else if (s.charAt(i) == 'Z' && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int hours = num(s, i + 1, i + 3);
            int minutes = num(s, i + 4, i + 6);
            if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /** The number the digits of {@code s} from {@code from} to just before {@code to} make; -1 if one is not. */
    private static int num(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static StringBuilder four(StringBuilder out, int value) {
        return two(two(out, value / 100), value % 100);
    }

    private static void digits(StringBuilder out, int value, int width) {
        char[] buffer = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            buffer[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        out.append(buffer);
    }

    /**
     * A record's date as platforms send it: an ISO date-time with or without offset (none: UTC, as Codat's
     * accounting dates), or a date (its start, UTC); null for blank or anything else.
     */
    public static Instant parseLenient(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant common = parseCommon(text); // the usual shape, without the JDK's slow parsers
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeException notADate) {
                    return null;
                }
            }
        }
    }
}
