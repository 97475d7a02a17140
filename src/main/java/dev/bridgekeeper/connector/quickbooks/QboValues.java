package dev.bridgekeeper.connector.quickbooks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading QuickBooks' JSON and writing Codat's: QuickBooks' {@code MetaData} times carry the company's offset
 * ({@code 2024-02-10T13:29:16-08:00}) and become instants in UTC; its {@code TxnDate}/{@code DueDate} are dates without
 * a zone and become Codat's unqualified midnight ({@code 2024-02-10T00:00:00}), never shifted. Amounts are numbers
 * (Intuit's JSON) or, rarely, strings; a missing one is zero.
 */
final class QboValues {

    private QboValues() {}

    /** Non-blank text of {@code field}, trimmed, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isContainer()) {
            return null;
        }
        String text = value.asString("");
        return text.isBlank() ? null : text.trim();
    }

    /** A reference's {@code value} ({@code {"value": "1", "name": "Checking"}}), or null. */
    static String ref(JsonNode node, String field) {
        return text(node.path(field), "value");
    }

    static String refName(JsonNode node, String field) {
        return text(node.path(field), "name");
    }

    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.asString().trim());
            } catch (NumberFormatException e) {
                return BigDecimal.ZERO;
            }
        }
        return BigDecimal.ZERO;
    }

    static boolean has(JsonNode node, String field) {
        return node.path(field).isNumber() || node.path(field).isString() && !node.path(field).asString().isBlank();
    }

    /** When QuickBooks last changed the record ({@code MetaData.LastUpdatedTime}), or null. */
    static Instant updated(JsonNode record) {
        return instant(text(record.path("MetaData"), "LastUpdatedTime"));
    }

    static Instant created(JsonNode record) {
        return instant(text(record.path("MetaData"), "CreateTime"));
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                return null;
            }
        }
    }

    /** A QuickBooks date ({@code 2024-02-10}) as Codat writes one: {@code 2024-02-10T00:00:00}; null stays null. */
    static String date(String qboDate) {
        if (qboDate == null) {
            return null;
        }
        try {
            return LocalDate.parse(qboDate.length() > 10 ? qboDate.substring(0, 10) : qboDate) + "T00:00:00";
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String timestamp(Instant at) {
        return at == null ? null : at.toString();
    }

    static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** {@code field} from QuickBooks' {@code qboField} when QuickBooks has it. */
    static void number(ObjectNode node, String field, JsonNode from, String qboField) {
        if (has(from, qboField)) {
            node.put(field, decimal(from, qboField));
        }
    }

    static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.append(out.length() == 0 ? "" : " ").append(part.trim());
            }
        }
        return out.length() == 0 ? null : out.toString();
    }
}
