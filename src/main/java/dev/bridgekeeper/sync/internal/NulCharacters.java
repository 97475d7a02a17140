package dev.bridgekeeper.sync.internal;

import java.io.ByteArrayOutputStream;

/**
 * PostgreSQL cannot store the character U+0000 in text or jsonb, so one record holding it (a platform's
 * {@code "\u0000"} escape, or a raw NUL byte) would fail its whole page, and every later sync with it. Each one
 * is replaced with U+FFFD, the replacement character: the record keeps every other character and its length,
 * and whoever reads it can see that a character was lost there, where silently dropping it would not show.
 */
final class NulCharacters {

    /** The JSON escape of U+FFFD, in place of {@code \u0000} or a raw NUL byte. */
    private static final byte[] REPLACEMENT_ESCAPE = "\\ufffd".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private NulCharacters() {}

    /** The record's JSON with every NUL replaced; the same array when it has none (the usual case). */
    static byte[] inJson(byte[] json) {
        if (!hasNul(json)) {
            return json;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 16);
        for (int i = 0; i < json.length; i++) {
            if (json[i] == 0) {
                out.writeBytes(REPLACEMENT_ESCAPE);
            } else if (json[i] == '\\' && i + 1 < json.length) {
                if (isNulEscape(json, i)) {
                    out.writeBytes(REPLACEMENT_ESCAPE);
                    i += 5;
                } else {
                    out.write(json[i]);
                    out.write(json[++i]); // an escaped character (\\ included) is never the start of another escape
                }
            } else {
                out.write(json[i]);
            }
        }
        return out.toByteArray();
    }

    /** A record id (text) with every NUL replaced. */
    static String inText(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\ufffd');
    }

    private static boolean hasNul(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            if (json[i] == 0) {
                return true;
            }
            if (json[i] == '\\' && i + 1 < json.length) {
                if (isNulEscape(json, i)) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /** {@code \u0000} at {@code i}: a backslash, u, and four zero digits. */
    private static boolean isNulEscape(byte[] json, int i) {
        return i + 5 < json.length && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0'
                && json[i + 4] == '0' && json[i + 5] == '0';
    }
}
