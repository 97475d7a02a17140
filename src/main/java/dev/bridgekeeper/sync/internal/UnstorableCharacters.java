package dev.bridgekeeper.sync.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Characters PostgreSQL cannot store in text or jsonb: U+0000 (a platform's {@code "\u0000"} escape, or a raw NUL
 * byte) and a lone UTF-16 surrogate (an escape {@code "\ud800"} not paired with a low one, a low one alone, or one
 * encoded raw as UTF-8 bytes {@code ED A0..BF xx}, which is not valid UTF-8). One record holding either would fail
 * its whole page, and every later sync with it. Each one is replaced with U+FFFD, the replacement character: the
 * record keeps every other character, and whoever reads it can see that a character was lost there, where silently
 * dropping it would not show. A surrogate pair (an emoji's {@code "\ud83d\ude00"}) is kept as it is.
 */
final class UnstorableCharacters {

    /** The JSON escape of U+FFFD. */
    private static final byte[] REPLACEMENT_ESCAPE = "\\ufffd".getBytes(StandardCharsets.US_ASCII);

    private UnstorableCharacters() {}

    /** The record's JSON with every unstorable character replaced; the same array when it has none (the usual case). */
    static byte[] inJson(byte[] json) {
        int first = firstUnstorable(json);
        if (first < 0) {
            return json;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 16);
        out.write(json, 0, first);
        int i = first;
        while (i < json.length) {
            int length = unstorableAt(json, i);
            if (length > 0) {
                out.writeBytes(REPLACEMENT_ESCAPE);
                i += length;
            } else {
                int kept = keptAt(json, i);
                out.write(json, i, kept);
                i += kept;
            }
        }
        return out.toByteArray();
    }

    /** A record id (text) with NUL and lone surrogates replaced. */
    static String inText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean unstorable = c == '\u0000' || (Character.isSurrogate(c) && !pair);
            if (unstorable && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(unstorable ? '\ufffd' : c);
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    private static int firstUnstorable(byte[] json) {
        int i = 0;
        while (i < json.length) {
            if (unstorableAt(json, i) > 0) {
                return i;
            }
            i += keptAt(json, i);
        }
        return -1;
    }

    /** How many bytes at {@code i} are one unstorable character (0: none starts there). */
    private static int unstorableAt(byte[] json, int i) {
        byte b = json[i];
        if (b == 0) {
            return 1;
        }
        if ((b & 0xff) == 0xED && i + 2 < json.length && (json[i + 1] & 0xff) >= 0xA0) {
            return 3; // a surrogate encoded straight into UTF-8 bytes
        }
        int unit = escapedUnit(json, i);
        if (unit == 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) {
            return 6; // NUL, or a low surrogate with no high one before it (a pair is kept whole by keptAt)
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            int next = escapedUnit(json, i + 6);
            return next >= 0xDC00 && next <= 0xDFFF ? 0 : 6;
        }
        return 0;
    }

    /** How many bytes at {@code i} to copy as they are: a whole escape (a surrogate pair's two) or one byte. */
    private static int keptAt(byte[] json, int i) {
        if (json[i] != '\\' || i + 1 >= json.length) {
            return 1;
        }
        int unit = escapedUnit(json, i);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            return 12; // unstorableAt found its low half
        }
        return unit >= 0 ? 6 : 2; // any other escape; \\ included, so an escaped backslash never starts one
    }

    /** The code unit of a {@code \}{@code uXXXX} escape at {@code i}, or -1 when there is none. */
    private static int escapedUnit(byte[] json, int i) {
        if (i + 5 >= json.length || json[i] != '\\' || json[i + 1] != 'u') {
            return -1;
        }
        int unit = 0;
        for (int k = i + 2; k < i + 6; k++) {
            int digit = Character.digit(json[k], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }
}
