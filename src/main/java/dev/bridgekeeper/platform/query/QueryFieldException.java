package dev.bridgekeeper.platform.query;

/**
 * A well-formed {@code query} or {@code orderBy} that names a field this endpoint doesn't know, or compares a
 * field with an operator or value its type can't take.
 */
public class QueryFieldException extends RuntimeException {

    private final String field;

    public QueryFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field as the caller wrote it. */
    public String field() {
        return field;
    }
}
