package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.platform.IsoInstants;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in COPY's text format, encoded as UTF-8 bytes as they are appended (backslash, tab, newline and carriage
 * return escaped). Why bytes: building one large String per page and letting the driver encode it again was most
 * of the writing side's CPU in a million-record sync.
 */
final class CopyRows {

    private byte[] bytes;
    private int length;
    private final StringBuilder scratch = new StringBuilder(32);

    CopyRows(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    /** Text written as is (the caller's own separators and values that need no escaping). */
    CopyRows raw(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    CopyRows raw(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** A text value, escaped for COPY. */
    CopyRows text(String value) {
        int n = value.length();
        ensure(n * 2);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> two('\\', '\\');
                    case '\t' -> two('\\', 't');
                    case '\n' -> two('\\', 'n');
                    case '\r' -> two('\\', 'r');
                    default -> {
                        ensure(1);
                        bytes[length++] = (byte) c;
                    }
                }
            } else if (c < 0x800) {
                ensure(2);
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                ensure(4);
                bytes[length++] = (byte) (0xF0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                ensure(1); // an unpaired surrogate: '?', as String.getBytes(UTF_8) writes it
                bytes[length++] = '?';
            } else {
                ensure(3);
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    /** An instant as ISO-8601 text, or COPY's null. */
    CopyRows instant(Instant value) {
        if (value == null) {
            return two('\\', 'N');
        }
        scratch.setLength(0);
        IsoInstants.append(scratch, value);
        ensure(scratch.length());
        for (int i = 0; i < scratch.length(); i++) {
            bytes[length++] = (byte) scratch.charAt(i); // ISO instants are ASCII
        }
        return this;
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private CopyRows two(char a, char b) {
        ensure(2);
        bytes[length++] = (byte) a;
        bytes[length++] = (byte) b;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
