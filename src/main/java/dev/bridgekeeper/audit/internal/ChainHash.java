package dev.bridgekeeper.audit.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * How an audit entry is hashed, in a form an auditor can recompute in any language. The canonical
 * form is the JSON array
 * <pre>["bridgekeeper-audit-v1", previousHash, sequence, companyId, eventType, subjectId, details, recordedAt]</pre>
 * written as RFC 8785 (JCS) writes JSON, i.e. as JavaScript's {@code JSON.stringify} does with object
 * keys sorted by UTF-16 code units: no whitespace, minimal string escapes, integers in plain decimal.
 * companyId is the lowercase UUID, subjectId may be null, recordedAt is UTC with exactly six
 * fractional digits ({@code 2026-05-01T09:30:00.123456Z}). The hash is the lowercase hex SHA-256 of
 * the form's UTF-8 bytes; the first entry's previousHash is {@link #GENESIS}. Details hold strings,
 * booleans, null, integers within ±(2^53−1), arrays and objects only, so every language reads and
 * writes them alike.
 */
final class ChainHash {

    /** previousHash of a chain's first entry: 64 zeros. */
    static final String GENESIS = "0".repeat(64);
    static final String VERSION = "bridgekeeper-audit-v1";
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ChainHash() {}

    static String hash(String previousHash, long sequence, UUID companyId, String eventType, String subjectId,
            JsonNode details, Instant recordedAt) {
        return sha256Hex(canonicalForm(previousHash, sequence, companyId, eventType, subjectId, details, recordedAt));
    }

    static String canonicalForm(String previousHash, long sequence, UUID companyId, String eventType,
            String subjectId, JsonNode details, Instant recordedAt) {
        StringBuilder out = new StringBuilder(256).append('[');
        string(VERSION, out);
        out.append(',');
        string(previousHash, out);
        out.append(',').append(sequence).append(',');
        string(companyId.toString(), out);
        out.append(',');
        string(eventType, out);
        out.append(',');
        if (subjectId == null) {
            out.append("null");
        } else {
            string(subjectId, out);
        }
        out.append(',');
        value(details, out);
        out.append(',');
        string(formatRecordedAt(recordedAt), out);
        return out.append(']').toString();
    }

    static String formatRecordedAt(Instant recordedAt) {
        return RECORDED_AT.format(recordedAt);
    }

    /**
     * Refuses details the canonical form cannot carry the same way in every language: fractions,
     * integers beyond ±(2^53−1), and NUL characters (PostgreSQL cannot store them).
     */
    static void requireHashable(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                requireNoNul(field.getKey(), path);
                requireHashable(field.getValue(), path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireHashable(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isNumber()) {
            if (!node.isIntegralNumber()) {
                throw new IllegalArgumentException(path + " is a fraction; audit details take integers only"
                        + " (write decimals as strings)");
            }
            BigInteger value = node.bigIntegerValue();
            if (value.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
                throw new IllegalArgumentException(path + " is beyond ±(2^53-1); write it as a string");
            }
        } else if (node.isString()) {
            requireNoNul(node.asString(), path);
        } else if (!node.isBoolean() && !node.isNull()) {
            throw new IllegalArgumentException(path + " is not a JSON value audit details can hold");
        }
    }

    private static void requireNoNul(String text, String path) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(path + " contains the NUL character");
        }
    }

    private static void value(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null); // String order is UTF-16 code unit order, as JCS requires
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                value(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(node.get(i), out);
            }
            out.append(']');
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            throw new IllegalArgumentException("Audit details hold integers only, found " + node);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            string(node.asString(), out);
        }
    }

    /** A JSON string as JSON.stringify writes it: short escapes, other controls as lowercase backslash-u. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String sha256Hex(String canonical) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
