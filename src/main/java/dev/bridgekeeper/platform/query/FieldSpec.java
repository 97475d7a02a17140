package dev.bridgekeeper.platform.query;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a public field lives in SQL and what type it has. {@code sqlExpression} is trusted SQL written by us
 * (a column, or an expression over columns); it must not contain "?" because parameters are positional.
 *
 * @param inferTypeFromValue for schemaless text such as a jsonb path: compare as a number, date-time or
 *     boolean when the unquoted value looks like one (see {@link QuerySql}); only with {@link FieldType#STRING}
 */
public record FieldSpec(String sqlExpression, FieldType type, boolean inferTypeFromValue) {

    private static final Pattern PLAIN_COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    public FieldSpec {
        Objects.requireNonNull(type, "type");
        if (sqlExpression == null || sqlExpression.isBlank()) {
            throw new IllegalArgumentException("sqlExpression must not be blank");
        }
        if (sqlExpression.indexOf('?') >= 0) {
            throw new IllegalArgumentException("sqlExpression must not contain \"?\": " + sqlExpression);
        }
        if (inferTypeFromValue && type != FieldType.STRING) {
            throw new IllegalArgumentException("Only STRING fields can infer their type from the value");
        }
    }

    public FieldSpec(String sqlExpression, FieldType type) {
        this(sqlExpression, type, false);
    }

    /**
     * The expression ready to sit next to an operator: a plain (optionally qualified) column as is, anything
     * else in parentheses so operator precedence can't change its meaning.
     */
    public String sqlOperand() {
        return PLAIN_COLUMN.matcher(sqlExpression).matches() ? sqlExpression : "(" + sqlExpression + ")";
    }
}
