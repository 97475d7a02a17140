package dev.bridgekeeper.integration.internal;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.query.Operator;
import dev.bridgekeeper.platform.query.QueryExpression;
import dev.bridgekeeper.platform.query.QueryFieldException;
import dev.bridgekeeper.platform.query.QueryParser;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The integration list's {@code query} and {@code orderBy}. The catalog is a handful of entries in
 * memory, so the parsed query is evaluated directly instead of through SQL.
 */
final class IntegrationFilter {

    private static final Map<String, Function<Integration, String>> FIELDS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        FIELDS.put("key", Integration::key);
        FIELDS.put("name", Integration::name);
        FIELDS.put("sourceType", i -> i.sourceType().name());
        FIELDS.put("enabled", i -> String.valueOf(i.enabled()));
        FIELDS.put("isBeta", i -> String.valueOf(i.beta()));
        FIELDS.put("dataProvidedBy", Integration::dataProvidedBy);
    }

    private IntegrationFilter() {}

    /** @param enabled whether the caller can link the platform (catalog switch and app credentials) */
    static Predicate<Integration> parse(String query, Predicate<Integration> enabled) {
        if (query == null || query.isBlank()) {
            return i -> true;
        }
        return predicate(QueryParser.parse(query), enabled);
    }

    static Comparator<Integration> orderBy(String orderBy) {
        Comparator<Integration> order = Comparator.comparing(i -> 0);
        if (orderBy != null && !orderBy.isBlank()) {
            for (String part : orderBy.split(",")) {
                String name = part.trim();
                boolean descending = name.startsWith("-");
                Function<Integration, String> field = field(descending ? name.substring(1) : name);
                Comparator<Integration> next = Comparator.comparing(field, String.CASE_INSENSITIVE_ORDER);
                order = order.thenComparing(descending ? next.reversed() : next);
            }
        }
        return order;
    }

    private static Predicate<Integration> predicate(QueryExpression expression, Predicate<Integration> enabled) {
        if (expression instanceof QueryExpression.And and) {
            List<Predicate<Integration>> terms = and.terms().stream().map(t -> predicate(t, enabled)).toList();
            return i -> terms.stream().allMatch(t -> t.test(i));
        }
        if (expression instanceof QueryExpression.Or or) {
            List<Predicate<Integration>> terms = or.terms().stream().map(t -> predicate(t, enabled)).toList();
            return i -> terms.stream().anyMatch(t -> t.test(i));
        }
        QueryExpression.Comparison c = (QueryExpression.Comparison) expression;
        Function<Integration, String> field = "enabled".equalsIgnoreCase(c.field())
                ? i -> String.valueOf(enabled.test(i)) : field(c.field());
        String value = c.value();
        return switch (c.op()) {
            case EQUALS -> i -> value.equalsIgnoreCase(field.apply(i));
            case NOT_EQUALS -> i -> !value.equalsIgnoreCase(field.apply(i));
            case CONTAINS -> i -> field.apply(i).toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
            default -> throw new QueryFieldException(c.field(), "Integrations can be filtered with =, != and ~ only"
                    + " (got \"" + c.op().symbol() + "\" on \"" + c.field() + "\").");
        };
    }

    private static Function<Integration, String> field(String name) {
        Function<Integration, String> field = FIELDS.get(name);
        if (field == null) {
            throw new QueryFieldException(name, "Unknown field \"" + name + "\"; integrations can be filtered and"
                    + " ordered by " + String.join(", ", FIELDS.keySet()) + ".");
        }
        return field;
    }

}
