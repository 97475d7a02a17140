package dev.bridgekeeper.platform.query;

import java.util.List;
import java.util.Objects;

/** A parsed {@code query}: comparisons combined with AND and OR, as {@link QueryParser} read them. */
public sealed interface QueryExpression {

    /** All terms must hold. Always two or more terms. */
    record And(List<QueryExpression> terms) implements QueryExpression {
        public And {
            terms = atLeastTwo(terms, "And");
        }
    }

    /** At least one term must hold. Always two or more terms. */
    record Or(List<QueryExpression> terms) implements QueryExpression {
        public Or {
            terms = atLeastTwo(terms, "Or");
        }
    }

    /**
     * {@code field op value}. {@code quoted} records whether the value was written in double quotes, which makes
     * it literal text: never the null keyword and never read as a number, date or boolean.
     */
    record Comparison(String field, Operator op, String value, boolean quoted) implements QueryExpression {
        public Comparison {
            if (!FieldNames.isValid(field)) {
                throw new IllegalArgumentException("Not a field name: " + field);
            }
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        /** True for an unquoted {@code null}, which means IS NULL / IS NOT NULL. */
        public boolean isNullLiteral() {
            return !quoted && value.equals("null");
        }
    }

    private static List<QueryExpression> atLeastTwo(List<QueryExpression> terms, String kind) {
        List<QueryExpression> copy = List.copyOf(terms);
        if (copy.size() < 2) {
            throw new IllegalArgumentException(kind + " needs at least two terms");
        }
        return copy;
    }
}
