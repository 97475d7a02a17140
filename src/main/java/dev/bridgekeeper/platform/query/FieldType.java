package dev.bridgekeeper.platform.query;

/** How a queryable field is stored, which decides the operators it accepts and how values are converted. */
public enum FieldType {
    /** Text; every operator, {@code ~} is a case-insensitive contains. Values stay {@link String}. */
    STRING("text"),
    /** Every operator but {@code ~}; values become {@link java.math.BigDecimal}. */
    NUMBER("number"),
    /** {@code =} and {@code !=} only; values must be true or false and become {@link Boolean}. */
    BOOLEAN("true/false"),
    /** Every operator but {@code ~}; values become {@link java.time.OffsetDateTime}, UTC when no offset is given. */
    TIMESTAMP("date-time"),
    /** Every operator but {@code ~}; values become {@link java.time.LocalDate}. */
    DATE("date"),
    /** {@code =} and {@code !=} only; values become {@link java.util.UUID}. */
    UUID("UUID"),
    /** Text holding one of a fixed set of names (a status, say); {@code =} and {@code !=} only. */
    ENUM_STRING("fixed-choice");

    private final String description;

    FieldType(String description) {
        this.description = description;
    }

    /** A word for error messages, e.g. "date-time" in "(a date-time field)". */
    public String description() {
        return description;
    }
}
