package dev.bridgekeeper.connector.xero.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The part of Xero's {@code where} and {@code order} query language a connector needs (Xero's filter is a .NET
 * expression; developer.xero.com/documentation/api/accounting/requests-and-responses): {@code ==, !=, <, <=, >, >=},
 * {@code AND}/{@code &&}, {@code OR}/{@code ||}, {@code NOT}/{@code !}, parentheses, dotted members
 * ({@code Contact.ContactID}), string/number/boolean/null literals, {@code DateTime(2020,1,31)},
 * {@code Guid("…")} and {@code .Contains/.StartsWith/.EndsWith/.ToLower/.ToUpper}. Anything else is refused
 * with a message, which the emulator answers as a 400.
 */
final class WhereClause {

    private final List<String> tokens;
    private int at;

    private WhereClause(String text) {
        this.tokens = tokenize(text);
    }

    /** A predicate over records; throws IllegalArgumentException naming what it could not read. */
    static Predicate<JsonNode> parse(String where) {
        WhereClause parser = new WhereClause(where);
        Node node = parser.or();
        if (parser.at < parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.at) + "' in where");
        }
        return record -> truthy(node.eval(record));
    }

    /** A comparator from {@code Name ASC, Date DESC}. */
    static Comparator<JsonNode> order(String order) {
        Comparator<JsonNode> result = null;
        for (String part : order.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                throw new IllegalArgumentException("cannot read order '" + order + "'");
            }
            String member = words[0];
            boolean descending = words.length == 2 && words[1].equalsIgnoreCase("DESC");
            if (words.length == 2 && !descending && !words[1].equalsIgnoreCase("ASC")) {
                throw new IllegalArgumentException("order direction must be ASC or DESC, not '" + words[1] + "'");
            }
            Comparator<JsonNode> one = (a, b) -> compare(member(a, member), member(b, member));
            if (descending) {
                one = one.reversed();
            }
            result = result == null ? one : result.thenComparing(one);
        }
        return result;
    }

    // ---- tokens ----

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string in where");
                }
                out.add(text.substring(i, end + 1));
                i = end + 1;
            } else if ("=!<>&|".indexOf(c) >= 0) {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if (c == '<' || c == '>' || c == '!') {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new IllegalArgumentException("unexpected '" + c + "' in where");
                }
            } else if ("(),.".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || (text.charAt(i) == '.' && Character.isDigit(text.charAt(start)))
                        || (i == start && text.charAt(i) == '-'))) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in where");
            }
        }
        return out;
    }

    private String peek() {
        return at < tokens.size() ? tokens.get(at) : "";
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("where ends too early");
        }
        return tokens.get(at++);
    }

    private void expect(String token) {
        String got = next();
        if (!got.equals(token)) {
            throw new IllegalArgumentException("expected '" + token + "' but found '" + got + "' in where");
        }
    }

    // ---- grammar ----

    private interface Node {
        Object eval(JsonNode record);
    }

    private Node or() {
        Node left = and();
        while (peek().equalsIgnoreCase("OR") || peek().equals("||")) {
            next();
            Node l = left;
            Node r = and();
            left = rec -> truthy(l.eval(rec)) || truthy(r.eval(rec));
        }
        return left;
    }

    private Node and() {
        Node left = unary();
        while (peek().equalsIgnoreCase("AND") || peek().equals("&&")) {
            next();
            Node l = left;
            Node r = unary();
            left = rec -> truthy(l.eval(rec)) && truthy(r.eval(rec));
        }
        return left;
    }

    private Node unary() {
        if (peek().equalsIgnoreCase("NOT") || peek().equals("!")) {
            next();
            Node inner = unary();
            return rec -> !truthy(inner.eval(rec));
        }
        Node left = operand();
        String op = peek();
        if (List.of("==", "!=", "<", "<=", ">", ">=").contains(op)) {
            next();
            Node right = operand();
            return rec -> {
                Object a = left.eval(rec);
                Object b = right.eval(rec);
                return switch (op) {
                    case "==" -> equal(a, b);
                    case "!=" -> !equal(a, b);
                    default -> {
                        if (a == null || b == null) {
                            yield false;
                        }
                        int c = compare(a, b);
                        yield op.equals("<") ? c < 0 : op.equals("<=") ? c <= 0 : op.equals(">") ? c > 0 : c >= 0;
                    }
                };
            };
        }
        return left;
    }

    private Node operand() {
        String token = next();
        if (token.equals("(")) {
            Node inner = or();
            expect(")");
            return inner;
        }
        if (token.startsWith("\"")) {
            String value = token.substring(1, token.length() - 1);
            return rec -> value;
        }
        if (Character.isDigit(token.charAt(0)) || token.startsWith("-")) {
            BigDecimal value = new BigDecimal(token);
            return rec -> value;
        }
        switch (token.toLowerCase(Locale.ROOT)) {
            case "true" -> {
                return rec -> Boolean.TRUE;
            }
            case "false" -> {
                return rec -> Boolean.FALSE;
            }
            case "null" -> {
                return rec -> null;
            }
            default -> { }
        }
        if (token.equals("DateTime") && peek().equals("(")) {
            next();
            List<Integer> parts = new ArrayList<>();
            while (!peek().equals(")")) {
                parts.add(Integer.parseInt(next()));
                if (peek().equals(",")) {
                    next();
                }
            }
            expect(")");
            if (parts.size() != 3 && parts.size() != 6) {
                throw new IllegalArgumentException("DateTime takes (year, month, day) or six parts");
            }
            Instant value = LocalDateTime.of(parts.get(0), parts.get(1), parts.get(2),
                    parts.size() == 6 ? parts.get(3) : 0, parts.size() == 6 ? parts.get(4) : 0,
                    parts.size() == 6 ? parts.get(5) : 0).toInstant(ZoneOffset.UTC);
            return rec -> value;
        }
        if (token.equals("Guid") && peek().equals("(")) {
            next();
            String literal = next();
            expect(")");
            String value = literal.replace("\"", "").toLowerCase(Locale.ROOT);
            return rec -> value;
        }
        if (!Character.isLetter(token.charAt(0))) {
            throw new IllegalArgumentException("unexpected '" + token + "' in where");
        }
        StringBuilder path = new StringBuilder(token);
        Node current = null;
        while (peek().equals(".")) {
            next();
            String name = next();
            if (peek().equals("(")) {
                next();
                Node argument = peek().equals(")") ? null : operand();
                expect(")");
                Node target = current != null ? current : memberNode(path.toString());
                current = method(target, name, argument);
            } else if (current == null) {
                path.append('.').append(name);
            } else {
                throw new IllegalArgumentException("cannot read member '" + name + "' of a method result");
            }
        }
        return current != null ? current : memberNode(path.toString());
    }

    private static Node memberNode(String path) {
        return rec -> member(rec, path);
    }

    private static Node method(Node target, String name, Node argument) {
        return rec -> {
            Object value = target.eval(rec);
            String text = value == null ? null : value.toString();
            String arg = argument == null ? null : String.valueOf(argument.eval(rec));
            return switch (name) {
                case "Contains" -> text != null && text.contains(arg);
                case "StartsWith" -> text != null && text.startsWith(arg);
                case "EndsWith" -> text != null && text.endsWith(arg);
                case "ToLower" -> text == null ? null : text.toLowerCase(Locale.ROOT);
                case "ToUpper" -> text == null ? null : text.toUpperCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("method " + name + " is not supported in where");
            };
        };
    }

    // ---- values ----

    /** The value of a dotted member: /Date()/ strings become instants, numbers BigDecimal. */
    static Object member(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            Instant date = XeroDates.parseMsJson(node.stringValue());
            return date != null ? date : node.stringValue();
        }
        return node.toString();
    }

    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value);
    }

    private static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof String x && b instanceof String y && looksLikeGuid(x) && looksLikeGuid(y)) {
            return x.equalsIgnoreCase(y);
        }
        return a.equals(b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a.getClass().equals(b.getClass()) && a instanceof Comparable c) {
            return c.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    private static boolean looksLikeGuid(String text) {
        return text.length() == 36 && text.charAt(8) == '-' && text.charAt(13) == '-';
    }
}
