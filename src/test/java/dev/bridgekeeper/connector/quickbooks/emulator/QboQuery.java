package dev.bridgekeeper.connector.quickbooks.emulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The part of Intuit's query language a connector needs, parsed as Intuit's "Query operations and
 * syntax" page describes it: {@code SELECT * | COUNT(*) FROM Entity [WHERE p op v [AND ...]]
 * [ORDERBY p [ASC|DESC][, ...]] [STARTPOSITION n] [MAXRESULTS n]}, operators =, <, >, <=, >=, IN, LIKE
 * ('%' only), no OR, no GROUP BY, no JOIN, no projections; the entity name is case sensitive.
 * Anything else is a {@link QueryError} carrying Intuit's error code (4000 parse, 4001 validation).
 */
record QboQuery(boolean count, String entity, List<Condition> where, List<Order> orderBy, Integer startPosition, Integer maxResults) {

    record Condition(String property, String operator, List<String> values) { }

    record Order(String property, boolean descending) { }

    static final class QueryError extends Exception {
        final String code;
        final String message;

        QueryError(String code, String message, String detail) {
            super(detail);
            this.code = code;
            this.message = message;
        }
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<str>'(?:\\\\'|[^'])*')|(?<op><=|>=|!=|=|<|>|\\(|\\)|,|\\*)|(?<word>[A-Za-z_][A-Za-z0-9_.]*(?:\\(\\*\\))?)|(?<num>-?\\d+(?:\\.\\d+)?))");

    static QboQuery parse(String text) throws QueryError {
        List<String> tokens = tokenize(text);
        Cursor c = new Cursor(tokens);
        c.expectKeyword("SELECT");
        boolean count;
        if (c.peekIs("*")) {
            c.next();
            count = false;
        } else if (c.peek() != null && c.peek().equalsIgnoreCase("count(*)")) {
            c.next();
            count = true;
        } else {
            throw c.unexpected("\"*\" or \"count(*)\" (projections are not supported)");
        }
        c.expectKeyword("FROM");
        String entity = c.next();
        if (entity == null || !entity.matches("[A-Za-z]+")) throw c.unexpected("an entity name");
        List<Condition> where = new ArrayList<>();
        List<Order> orderBy = new ArrayList<>();
        Integer start = null;
        Integer max = null;
        if (c.peekKeyword("WHERE")) {
            c.next();
            do {
                where.add(condition(c));
            } while (c.peekKeyword("AND") && c.next() != null);
            if (c.peekKeyword("OR")) throw c.unexpected("ORDERBY, STARTPOSITION, MAXRESULTS or AND (OR is not supported)");
        }
        if (c.peekKeyword("ORDERBY")) {
            c.next();
            do {
                String prop = c.next();
                if (prop == null || !prop.matches("[A-Za-z][A-Za-z0-9_.]*")) throw c.unexpected("a property name");
                boolean desc = false;
                if (c.peekKeyword("DESC")) { c.next(); desc = true; } else if (c.peekKeyword("ASC")) { c.next(); }
                orderBy.add(new Order(prop, desc));
            } while (c.peekIs(",") && c.next() != null);
        }
        if (c.peekKeyword("STARTPOSITION")) {
            c.next();
            start = c.nextInt();
        }
        if (c.peekKeyword("MAXRESULTS")) {
            c.next();
            max = c.nextInt();
        }
        if (c.peek() != null) throw c.unexpected("end of query");
        return new QboQuery(count, entity, where, orderBy, start, max);
    }

    private static Condition condition(Cursor c) throws QueryError {
        String prop = c.next();
        if (prop == null || !prop.matches("[A-Za-z][A-Za-z0-9_.]*")) throw c.unexpected("a property name");
        String op = c.next();
        if (op == null) throw c.unexpected("an operator");
        String upper = op.toUpperCase(Locale.ROOT);
        if (!List.of("=", "<", ">", "<=", ">=", "IN", "LIKE").contains(upper)) {
            throw c.unexpected("one of =, <, >, <=, >=, IN, LIKE");
        }
        List<String> values = new ArrayList<>();
        if (upper.equals("IN")) {
            if (!c.peekIs("(")) throw c.unexpected("\"(\"");
            c.next();
            do {
                values.add(c.value());
            } while (c.peekIs(",") && c.next() != null);
            if (!c.peekIs(")")) throw c.unexpected("\")\"");
            c.next();
        } else {
            values.add(c.value());
        }
        return new Condition(prop, upper, values);
    }

    private static List<String> tokenize(String text) throws QueryError {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int pos = 0;
        while (pos < text.length()) {
            if (text.substring(pos).isBlank()) break;
            m.region(pos, text.length());
            if (!m.lookingAt()) {
                throw new QueryError("4000", "Error parsing query",
                        "QueryParserError: Encountered \" \"" + text.charAt(pos) + "\" \" at line 1, column " + (pos + 1) + ".");
            }
            out.add(m.group().trim());
            pos = m.end();
        }
        return out;
    }

    // ---- evaluation ----

    /** Whether {@code record} satisfies every condition (compared as date-time, date, number or text). */
    boolean matches(JsonNode record) {
        for (Condition cond : where) {
            JsonNode value = path(record, cond.property());
            if (value == null || value.isMissingNode() || value.isNull()) return false;
            String actual = value.isObject() && value.has("value") ? value.get("value").asString() : value.asString();
            boolean any = false;
            for (String expected : cond.values()) {
                int cmp = compare(actual, expected);
                boolean ok = switch (cond.operator()) {
                    case "=", "IN" -> cmp == 0;
                    case "<" -> cmp < 0;
                    case ">" -> cmp > 0;
                    case "<=" -> cmp <= 0;
                    case ">=" -> cmp >= 0;
                    case "LIKE" -> like(actual, expected);
                    default -> false;
                };
                any |= ok;
            }
            if (!any) return false;
        }
        return true;
    }

    Comparator<JsonNode> comparator() {
        Comparator<JsonNode> byId = Comparator.comparingLong(n -> Long.parseLong(n.get("Id").asString()));
        if (orderBy.isEmpty()) return byId;
        Comparator<JsonNode> result = null;
        for (Order o : orderBy) {
            Comparator<JsonNode> one = (a, b) -> compareNullable(text(path(a, o.property())), text(path(b, o.property())));
            if (o.descending()) one = one.reversed();
            result = result == null ? one : result.thenComparing(one);
        }
        return result.thenComparing(byId);
    }

    static JsonNode path(JsonNode record, String dotted) {
        JsonNode cur = record;
        for (String part : dotted.split("\\.")) {
            if (cur == null) return null;
            JsonNode next = cur.get(part);
            if (next == null) {
                // property names in Intuit's query language are case-insensitive (e.g. metadata.lastupdatedtime)
                for (String name : cur.propertyNames()) {
                    if (name.equalsIgnoreCase(part)) { next = cur.get(name); break; }
                }
            }
            cur = next;
        }
        return cur;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        return n.isObject() && n.has("value") ? n.get("value").asString() : n.asString();
    }

    private static int compareNullable(String a, String b) {
        if (a == null) return b == null ? 0 : -1;
        if (b == null) return 1;
        return compare(a, b);
    }

    static int compare(String actual, String expected) {
        try {
            return OffsetDateTime.parse(actual).toInstant().compareTo(parseInstantLoosely(expected));
        } catch (DateTimeParseException ignored) {
            // not a date-time
        }
        try {
            return LocalDate.parse(actual).compareTo(LocalDate.parse(expected.length() > 10 ? expected.substring(0, 10) : expected));
        } catch (DateTimeParseException ignored) {
            // not a date
        }
        try {
            return new BigDecimal(actual).compareTo(new BigDecimal(expected));
        } catch (NumberFormatException ignored) {
            // text
        }
        return actual.compareToIgnoreCase(expected);
    }

    /** Intuit accepts '2011-08-10T10:20:30-07:00', '...Z' and a bare date (midnight UTC is this emulator's reading). */
    static java.time.Instant parseInstantLoosely(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        }
    }

    private static boolean like(String actual, String pattern) {
        String regex = ("\\Q" + pattern + "\\E").replace("%", "\\E.*\\Q");
        return actual.toLowerCase(Locale.ROOT).matches(regex.toLowerCase(Locale.ROOT));
    }

    private static final class Cursor {
        private final List<String> tokens;
        private int i;

        Cursor(List<String> tokens) {
            this.tokens = tokens;
        }

        String peek() {
            return i < tokens.size() ? tokens.get(i) : null;
        }

        boolean peekIs(String s) {
            return s.equals(peek());
        }

        boolean peekKeyword(String k) {
            return peek() != null && peek().equalsIgnoreCase(k);
        }

        String next() {
            return i < tokens.size() ? tokens.get(i++) : null;
        }

        void expectKeyword(String k) throws QueryError {
            if (!peekKeyword(k)) throw unexpected(k);
            i++;
        }

        int nextInt() throws QueryError {
            String t = next();
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException | NullPointerException e) {
                i--;
                throw unexpected("an integer");
            }
        }

        String value() throws QueryError {
            String t = next();
            if (t == null) throw unexpected("a value");
            if (t.startsWith("'")) return t.substring(1, t.length() - 1).replace("\\'", "'");
            return t;
        }

        QueryError unexpected(String expected) {
            String found = peek() == null ? "<EOF>" : peek();
            return new QueryError("4000", "Error parsing query",
                    "QueryParserError: Encountered \"" + found + "\" at token " + (i + 1) + ". Was expecting " + expected + ".");
        }
    }
}
