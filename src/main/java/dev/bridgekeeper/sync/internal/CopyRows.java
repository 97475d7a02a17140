package dev.bridgekeeper.sync.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in COPY's binary format ({@code copy … from stdin with (format binary)}): a header, then per row its field
 * count and each field as a length and its bytes, then a trailer. Why binary: PostgreSQL takes uuids and timestamps
 * as they are instead of parsing their text, a record's JSON goes in as the exact bytes the platform sent (jsonb's
 * binary input is a version byte and the JSON text), and nothing needs escaping. In a million-record first sync
 * this took about a third off PostgreSQL's share of the work (see docs/BENCHMARKS.md).
 */
final class CopyRows {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0}; // no header extension
    private static final byte JSONB_VERSION = 1;
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix seconds. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private byte[] bytes;
    private int length;
    private boolean finished;

    CopyRows(int capacity) {
        this(capacity, true);
    }

    private CopyRows(int capacity, boolean header) {
        bytes = new byte[Math.max(64, capacity)];
        if (header) {
            raw(HEADER);
        }
    }

    /** The start of a row of {@code fields} values. */
    CopyRows row(int fields) {
        ensure(2);
        putShort(fields);
        return this;
    }

    /**
     * A value already encoded as a field (its length and bytes), for values repeated on every row: see
     * {@link #uuidField} and {@link #textField}.
     */
    CopyRows field(byte[] encoded) {
        return raw(encoded);
    }

    CopyRows text(String value) {
        return bytesValue(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON document as UTF-8 bytes, for a jsonb column (PostgreSQL checks and converts it). */
    CopyRows jsonb(byte[] json) {
        ensure(5 + json.length);
        putInt(json.length + 1);
        bytes[length++] = JSONB_VERSION;
        System.arraycopy(json, 0, bytes, length, json.length);
        length += json.length;
        return this;
    }

    /**
     * An instant for a timestamptz column (microseconds since PostgreSQL's epoch, nanoseconds rounded half to even
     * as PostgreSQL rounds a fraction it is given as text), or null.
     */
    CopyRows timestamp(Instant value) {
        if (value == null) {
            ensure(4);
            putInt(-1);
            return this;
        }
        long micros = Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L)
                + (long) Math.rint(value.getNano() / 1000.0);
        ensure(12);
        putInt(8);
        putLong(micros);
        return this;
    }

    CopyRows bool(boolean value) {
        ensure(5);
        putInt(1);
        bytes[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** The rows and the trailer, for the driver's COPY. Nothing may be added afterwards. */
    InputStream stream() {
        if (!finished) {
            ensure(2);
            putShort(-1);
            finished = true;
        }
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** A uuid encoded once as a field, to be written on many rows with {@link #field}. */
    static byte[] uuidField(UUID value) {
        CopyRows field = new CopyRows(20, false);
        field.putInt(16);
        field.putLong(value.getMostSignificantBits());
        field.putLong(value.getLeastSignificantBits());
        return Arrays.copyOf(field.bytes, field.length);
    }

    /** A text encoded once as a field, to be written on many rows with {@link #field}. */
    static byte[] textField(String value) {
        CopyRows field = new CopyRows(0, false);
        field.text(value);
        return Arrays.copyOf(field.bytes, field.length);
    }

    private CopyRows bytesValue(byte[] value) {
        ensure(4 + value.length);
        putInt(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    private CopyRows raw(byte[] value) {
        if (finished) {
            throw new IllegalStateException("The rows have been handed to COPY already");
        }
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    private void putShort(int value) {
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putInt(int value) {
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    private void ensure(int more) {
        if (finished) {
            throw new IllegalStateException("The rows have been handed to COPY already");
        }
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
