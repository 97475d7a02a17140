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

    /**
     * A text value, escaped for COPY. Encoded by the JDK, then copied in runs between the bytes to escape (all
     * ASCII, so never part of a multi-byte character).
     */
    CopyRows text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length * 2);
        int run = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            char escaped = switch (b) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escaped != 0) {
                System.arraycopy(utf8, run, bytes, length, i - run);
                length += i - run;
                bytes[length++] = '\\';
                bytes[length++] = (byte) escaped;
                run = i + 1;
            }
        }
        System.arraycopy(utf8, run, bytes, length, utf8.length - run);
        length += utf8.length - run;
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
