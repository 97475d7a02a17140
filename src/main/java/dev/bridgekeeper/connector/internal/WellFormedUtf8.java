package dev.bridgekeeper.connector.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A platform's text body as well-formed UTF-8: each malformed byte sequence (a stray continuation byte, an overlong
 * form, a truncated sequence, an encoded surrogate, a byte that never starts a character) becomes U+FFFD, one for
 * each maximal ill-formed subpart as browsers decode it (the JDK's decoder; an encoded surrogate's three bytes make
 * one, as in the cache's own rule for surrogates). Why: one such byte in one record
 * made the JSON parser (or PostgreSQL) refuse the whole page, and every later sync of that data type with it. Applied
 * once, where every platform body arrives ({@link HttpTransport}), so every connector's parsing sees the same text.
 */
final class WellFormedUtf8 {

    private WellFormedUtf8() {}

    /** Whether the body is text this rule applies to: JSON or text/*, in UTF-8 (the default for both), or untyped. */
    static boolean appliesTo(Map<String, List<String>> headers) {
        List<String> types = headers.get("content-type");
        if (types == null || types.isEmpty()) {
            return true;
        }
        String type = types.get(0).toLowerCase(Locale.ROOT);
        boolean text = type.startsWith("application/json") || type.contains("+json") || type.startsWith("text/");
        int charset = type.indexOf("charset=");
        return text && (charset < 0 || type.startsWith("utf-8", charset + 8)
                || type.startsWith("\"utf-8\"", charset + 8));
    }

    /** The body with malformed sequences replaced; the same array when it is well-formed (the usual case). */
    static byte[] repaired(byte[] body) {
        return wellFormed(body) ? body : new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether every byte sequence is UTF-8 as RFC 3629 defines it (no overlongs, surrogates or code points > 10FFFF). */
    static boolean wellFormed(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int length;
            int min = 0x80; // the second byte's allowed range (narrower after E0, ED, F0, F4)
            int max = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                length = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                length = 3;
                min = c == 0xE0 ? 0xA0 : 0x80;
                max = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                length = 4;
                min = c == 0xF0 ? 0x90 : 0x80;
                max = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false; // a continuation byte, C0, C1 or F5..FF where a character should start
            }
            if (i + length > b.length) {
                return false;
            }
            int second = b[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }
}
