package dev.bridgekeeper.company.internal;

import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.query.FieldMapping;
import dev.bridgekeeper.platform.query.FieldType;
import dev.bridgekeeper.platform.query.Operator;
import dev.bridgekeeper.platform.query.OrderBy;
import dev.bridgekeeper.platform.query.QueryExpression;
import dev.bridgekeeper.platform.query.QueryFieldException;
import dev.bridgekeeper.platform.query.QueryParser;
import dev.bridgekeeper.platform.query.QuerySql;
import dev.bridgekeeper.platform.query.QuerySyntaxException;
import dev.bridgekeeper.platform.query.SqlWhere;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The company list's {@code query}, {@code tags} and {@code orderBy}, in Codat's query language.
 * {@code query} filters on company fields and on {@code tags.<key>}; {@code tags} filters on tag
 * keys directly with {@code =}, {@code !=} and {@code ~}, as Codat documents.
 */
@Component
class CompanyQuery {

    private static final Set<Operator> TAG_OPERATORS = Set.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.CONTAINS);
    private static final Function<String, dev.bridgekeeper.platform.query.FieldSpec> TAGS =
            FieldMapping.jsonbFallback("tags");

    private final FieldMapping fields = FieldMapping.builder()
            .field("id", "id", FieldType.UUID)
            .field("name", "name", FieldType.STRING)
            .field("description", "description", FieldType.STRING)
            .field("created", "created_utc", FieldType.TIMESTAMP)
            .field("lastSync", "last_sync_utc", FieldType.TIMESTAMP)
            .field("createdByUserName", "created_by_user_name", FieldType.STRING)
            .fallback(field -> field.regionMatches(true, 0, "tags.", 0, 5) ? TAGS.apply(field.substring(5)) : null)
            .build();
    private final FieldMapping tagFields = FieldMapping.builder().fallback(TAGS).build();

    /** The combined filter, or null when neither parameter is given. */
    SqlWhere filter(String query, String tags) {
        List<SqlWhere> parts = new ArrayList<>();
        if (query != null && !query.isBlank()) {
            parts.add(QuerySql.toWhere(query, fields));
        }
        if (tags != null && !tags.isBlank()) {
            parts.add(tagFilter(tags));
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Object> params = new ArrayList<>(parts.get(0).params());
        params.addAll(parts.get(1).params());
        return new SqlWhere(parts.get(0).sql() + " and " + parts.get(1).sql(), params);
    }

    String orderBy(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return "created_utc, id";
        }
        return OrderBy.parse(orderBy, fields) + ", id";
    }

    private SqlWhere tagFilter(String tags) {
        try {
            QueryExpression expression = QueryParser.parse(tags);
            checkTagOperators(expression);
            return QuerySql.toWhere(expression, tagFields);
        } catch (QuerySyntaxException e) {
            throw ApiException.badRequest("tags", "Invalid tags filter: " + e.getMessage());
        } catch (QueryFieldException e) {
            throw ApiException.badRequest("tags", e.getMessage());
        }
    }

    private static void checkTagOperators(QueryExpression expression) {
        if (expression instanceof QueryExpression.And and) {
            and.terms().forEach(CompanyQuery::checkTagOperators);
        } else if (expression instanceof QueryExpression.Or or) {
            or.terms().forEach(CompanyQuery::checkTagOperators);
        } else if (expression instanceof QueryExpression.Comparison c && !TAG_OPERATORS.contains(c.op())) {
            throw ApiException.badRequest("tags", "Tags can be filtered with =, != and ~ only (got \""
                    + c.op().symbol() + "\" on \"" + c.field() + "\").");
        }
    }
}
