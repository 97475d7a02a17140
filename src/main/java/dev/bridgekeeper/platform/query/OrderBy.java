package dev.bridgekeeper.platform.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Codat's {@code orderBy}: comma-separated field names, each optionally prefixed with "-" for descending,
 * e.g. {@code -modifiedDate,name}. The result is an ORDER BY body built only from the mapping's SQL, such as
 * {@code created_at DESC, name ASC}; the caller appends its own tiebreaker.
 */
public final class OrderBy {

    private OrderBy() {
    }

    /**
     * @throws QuerySyntaxException for a blank input, an empty segment or anything but "-" before a name
     * @throws QueryFieldException for a field the mapping doesn't know
     */
    public static String parse(String orderBy, FieldMapping mapping) {
        if (orderBy == null || orderBy.isBlank()) {
            throw new QuerySyntaxException("Empty orderBy", -1);
        }
        if (orderBy.length() > QueryParser.MAX_LENGTH) {
            throw new QuerySyntaxException("orderBy is longer than " + QueryParser.MAX_LENGTH + " characters",
                    QueryParser.MAX_LENGTH);
        }
        List<Term> terms = new ArrayList<>();
        int pos = 0;
        String after = null;
        while (true) {
            pos = skipWhitespace(orderBy, pos);
            boolean desc = pos < orderBy.length() && orderBy.charAt(pos) == '-';
            if (desc) {
                pos++;
                after = "-";
            }
            if (pos >= orderBy.length() || !FieldNames.isStart(orderBy.charAt(pos))) {
                throw new QuerySyntaxException(
                        "Expected a field name" + (after == null ? "" : " after \"" + after + "\""), pos);
            }
            int end = FieldNames.scan(orderBy, pos);
            String field = orderBy.substring(pos, end);
            terms.add(new Term(field, desc));
            pos = skipWhitespace(orderBy, end);
            if (pos >= orderBy.length()) {
                break;
            }
            if (orderBy.charAt(pos) != ',') {
                throw new QuerySyntaxException("Expected \",\" or the end of orderBy after \"" + field + "\"", pos);
            }
            pos++;
            after = ",";
        }
        List<String> sql = new ArrayList<>();
        for (Term term : terms) {
            FieldSpec spec = mapping.require(term.field(), "orderBy", "sortable");
            sql.add(spec.sqlOperand() + (term.descending() ? " DESC" : " ASC"));
        }
        return String.join(", ", sql);
    }

    /** One parsed segment; fields are resolved only after the whole input is known to be well formed. */
    private record Term(String field, boolean descending) {
    }

    private static int skipWhitespace(String text, int pos) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}
