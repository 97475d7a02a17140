package dev.bridgekeeper.platform.query;

import dev.bridgekeeper.platform.query.QueryExpression.And;
import dev.bridgekeeper.platform.query.QueryExpression.Comparison;
import dev.bridgekeeper.platform.query.QueryExpression.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a {@link QueryExpression} into a parameterised WHERE fragment for PostgreSQL. SQL text comes only
 * from the {@link FieldMapping}; every value becomes a bind parameter.
 *
 * <ul>
 *   <li>{@code =} is exact; {@code !=} is {@code IS DISTINCT FROM}, so rows where the field is null count
 *       as "not equal", as a caller would expect.</li>
 *   <li>{@code ~} is {@code ILIKE ? ESCAPE '\'} with the value's {@code % _ \} escaped, text fields only.</li>
 *   <li>Unquoted {@code null} with {@code =} / {@code !=} is {@code IS NULL} / {@code IS NOT NULL}.</li>
 *   <li>Fields that infer their type (jsonb paths) compare as text unless the unquoted value is a date or
 *       date-time (compared as timestamptz), a number used with an ordering operator (compared as numeric)
 *       or true/false (compared as the text 'true'/'false'). Each cast only runs when the stored text
 *       looks like its type (a regular-expression guard, which works on PostgreSQL 14), so a document
 *       holding other text simply doesn't match instead of failing the whole query. Date-time text without
 *       an offset is read in the session time zone, which should be UTC.</li>
 * </ul>
 */
public final class QuerySql {

    /**
     * Stored text that casts to numeric / timestamptz. Written without "?" (a JDBC placeholder) and without
     * backslashes, so the SQL reads the same whatever the driver or string settings.
     */
    private static final String NUMERIC_TEXT =
            "'^[-+]{0,1}([0-9]+([.][0-9]*){0,1}|[.][0-9]+)([eE][-+]{0,1}[0-9]{1,3}){0,1}$'";
    private static final String TIMESTAMP_TEXT = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}"
            + "(:[0-9]{2}([.][0-9]+){0,1}){0,1}(Z|[-+][0-9]{2}(:{0,1}[0-9]{2}){0,1}){0,1}){0,1}$'";

    private final FieldMapping mapping;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private QuerySql(FieldMapping mapping) {
        this.mapping = mapping;
    }

    /** Parses and translates in one step; syntax errors are reported before unknown fields. */
    public static SqlWhere toWhere(String query, FieldMapping mapping) {
        return toWhere(QueryParser.parse(query), mapping);
    }

    public static SqlWhere toWhere(QueryExpression expression, FieldMapping mapping) {
        QuerySql translator = new QuerySql(mapping);
        translator.render(expression);
        return new SqlWhere(translator.sql.toString(), translator.params);
    }

    private void render(QueryExpression expression) {
        if (expression instanceof And and) {
            group(and.terms(), " AND ");
        } else if (expression instanceof Or or) {
            group(or.terms(), " OR ");
        } else {
            comparison((Comparison) expression);
        }
    }

    private void group(List<QueryExpression> terms, String joiner) {
        sql.append('(');
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                sql.append(joiner);
            }
            render(terms.get(i));
        }
        sql.append(')');
    }

    private void comparison(Comparison c) {
        FieldSpec spec = mapping.require(c.field(), "query", "queryable");
        String operand = spec.sqlOperand();
        if (c.isNullLiteral()) {
            if (!c.op().isEquality()) {
                throw new QueryFieldException(c.field(), "null can only be compared with = or !=");
            }
            sql.append(operand).append(c.op() == Operator.EQUALS ? " IS NULL" : " IS NOT NULL");
        } else if (c.op() == Operator.CONTAINS) {
            if (spec.type() != FieldType.STRING) {
                throw operatorNotAllowed(c, spec.type(), "\"~\" only works on text fields");
            }
            sql.append(operand).append(" ILIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(c.value()) + "%");
        } else if (spec.inferTypeFromValue()) {
            inferred(c, spec);
        } else {
            typed(c, spec.type(), operand);
        }
    }

    private void typed(Comparison c, FieldType type, String operand) {
        boolean unordered = type == FieldType.BOOLEAN || type == FieldType.UUID || type == FieldType.ENUM_STRING;
        if (unordered && !c.op().isEquality()) {
            throw operatorNotAllowed(c, type, "use = or !=");
        }
        Object value = switch (type) {
            case STRING, ENUM_STRING -> c.value();
            case NUMBER -> convert(c, QueryValues::number, "is not a number");
            case BOOLEAN -> convert(c, QueryValues::bool, "is not true or false");
            case TIMESTAMP -> convert(c, QueryValues::timestamp,
                    "is not a date (use yyyy-MM-dd or an ISO-8601 date-time)");
            case DATE -> convert(c, QueryValues::date, "is not a date (use yyyy-MM-dd)");
            case UUID -> convert(c, QueryValues::uuid,
                    "is not a valid id (expected a UUID such as 8a210b68-6988-11ed-a1eb-0242ac120002)");
        };
        compare(operand, c.op(), value);
    }

    private void inferred(Comparison c, FieldSpec spec) {
        String operand = spec.sqlOperand();
        if (c.quoted()) {
            compare(operand, c.op(), c.value());
            return;
        }
        Boolean bool = QueryValues.bool(c.value());
        if (bool != null) {
            if (!c.op().isEquality()) {
                throw new QueryFieldException(c.field(), "Operator \"" + c.op().symbol()
                        + "\" can't be used with the value " + bool + " for \"" + c.field() + "\"; use = or !=");
            }
            compare(operand, c.op(), bool.toString());
            return;
        }
        Object timestamp = QueryValues.timestamp(c.value());
        if (timestamp != null) {
            compare(guardedCast(spec, TIMESTAMP_TEXT, "timestamptz"), c.op(), timestamp);
            return;
        }
        Object number = c.op().isOrdering() ? QueryValues.number(c.value()) : null;
        if (number != null) {
            compare(guardedCast(spec, NUMERIC_TEXT, "numeric"), c.op(), number);
        } else {
            compare(operand, c.op(), c.value());
        }
    }

    private void compare(String operand, Operator op, Object value) {
        sql.append(operand).append(' ').append(sqlOperator(op)).append(" ?");
        params.add(value);
    }

    private static String guardedCast(FieldSpec spec, String pattern, String sqlType) {
        String operand = spec.sqlOperand();
        return "CASE WHEN " + operand + " ~ " + pattern + " THEN " + operand + "::" + sqlType + " END";
    }

    private static String sqlOperator(Operator op) {
        return switch (op) {
            case EQUALS -> "=";
            case NOT_EQUALS -> "IS DISTINCT FROM";
            case GREATER_THAN -> ">";
            case LESS_THAN -> "<";
            case GREATER_THAN_OR_EQUAL -> ">=";
            case LESS_THAN_OR_EQUAL -> "<=";
            case CONTAINS -> throw new IllegalStateException("~ is rendered as ILIKE");
        };
    }

    private static <T> T convert(Comparison c, Function<String, T> reader, String problem) {
        T value = reader.apply(c.value());
        if (value == null) {
            throw new QueryFieldException(c.field(),
                    "Value \"" + shorten(c.value()) + "\" for \"" + c.field() + "\" " + problem);
        }
        return value;
    }

    private static QueryFieldException operatorNotAllowed(Comparison c, FieldType type, String advice) {
        return new QueryFieldException(c.field(), "Operator \"" + c.op().symbol() + "\" can't be used with \""
                + c.field() + "\" (a " + type.description() + " field); " + advice);
    }

    /** Makes {@code %}, {@code _} and {@code \} match themselves under {@code ESCAPE '\'}. */
    private static String escapeLike(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '%' || c == '_') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
