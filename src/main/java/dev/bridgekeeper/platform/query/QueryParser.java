package dev.bridgekeeper.platform.query;

import dev.bridgekeeper.platform.query.QueryExpression.And;
import dev.bridgekeeper.platform.query.QueryExpression.Comparison;
import dev.bridgekeeper.platform.query.QueryExpression.Or;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Codat's {@code query} language into a {@link QueryExpression}.
 *
 * <pre>
 * query      = or END
 * or         = and { "||" and }
 * and        = primary { "&amp;&amp;" primary }
 * primary    = "{" or "}" | comparison
 * comparison = field operator value
 * field      = (letter | "_") { letter | digit | "_" | "." segment }
 * operator   = "!=" | "&gt;=" | "&lt;=" | "=" | "~" | "&gt;" | "&lt;"
 * value      = '"' { char | '\"' | '\\' } '"'          (then only "&amp;&amp;", "||", "&#125;" or END)
 *            | anything up to the next "&amp;&amp;", "||", "&#125;" or END, trimmed, not empty
 * </pre>
 * (A closing brace after a value is written {@code &#125;} above, so that the grammar's braces stay balanced for
 * tools that read this comment, such as Spring Modulith's documentation.)
 *
 * Whitespace may surround every token. Limits keep a hostile input cheap: {@value #MAX_LENGTH} characters,
 * groups {@value #MAX_DEPTH} deep, {@value #MAX_COMPARISONS} comparisons.
 */
public final class QueryParser {

    public static final int MAX_LENGTH = 2_000;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_COMPARISONS = 100;

    private static final String OPERATORS = "(=, !=, ~, >, <, >=, <=)";

    private final String input;
    private int pos;
    private int depth;
    private int comparisons;

    private QueryParser(String input) {
        this.input = input;
    }

    /** Parses {@code query}; throws {@link QuerySyntaxException} saying where and what was expected. */
    public static QueryExpression parse(String query) {
        if (query == null || query.isBlank()) {
            throw new QuerySyntaxException("Empty query", -1);
        }
        if (query.length() > MAX_LENGTH) {
            throw new QuerySyntaxException("Query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        int nul = query.indexOf('\0');
        if (nul >= 0) {
            // PostgreSQL text cannot hold it, so it would fail in the database instead of here
            throw new QuerySyntaxException("The NUL character (%00) is not allowed", nul);
        }
        QueryParser parser = new QueryParser(query);
        QueryExpression expression = parser.or();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.peek('}')
                    ? new QuerySyntaxException("Unexpected \"}\"", parser.pos)
                    : new QuerySyntaxException("Expected \"&&\", \"||\" or the end of the query", parser.pos);
        }
        return expression;
    }

    private QueryExpression or() {
        List<QueryExpression> terms = new ArrayList<>();
        terms.add(and(null));
        while (consume("||")) {
            terms.add(and("||"));
        }
        return terms.size() == 1 ? terms.get(0) : new Or(terms);
    }

    private QueryExpression and(String after) {
        List<QueryExpression> terms = new ArrayList<>();
        terms.add(primary(after));
        while (consume("&&")) {
            terms.add(primary("&&"));
        }
        return terms.size() == 1 ? terms.get(0) : new And(terms);
    }

    private QueryExpression primary(String after) {
        skipWhitespace();
        if (peek('{')) {
            return group();
        }
        if (!atEnd() && FieldNames.isStart(input.charAt(pos))) {
            return comparison();
        }
        String context = after == null ? "" : " after \"" + after + "\"";
        throw new QuerySyntaxException("Expected a field name or \"{\"" + context, pos);
    }

    private QueryExpression group() {
        int open = pos;
        if (depth == MAX_DEPTH) {
            throw new QuerySyntaxException("Groups are nested more than " + MAX_DEPTH + " levels deep", open);
        }
        pos++;
        depth++;
        QueryExpression inner = or();
        skipWhitespace();
        if (atEnd()) {
            throw new QuerySyntaxException("Unclosed \"{\" opened", open);
        }
        if (!peek('}')) {
            throw new QuerySyntaxException("Expected \"&&\", \"||\" or \"}\"", pos);
        }
        pos++;
        depth--;
        return inner;
    }

    private Comparison comparison() {
        int start = pos;
        if (++comparisons > MAX_COMPARISONS) {
            throw new QuerySyntaxException("Too many comparisons (the limit is " + MAX_COMPARISONS + ")", start);
        }
        pos = FieldNames.scan(input, start);
        String field = input.substring(start, pos);
        skipWhitespace();
        Operator op = Operator.at(input, pos).orElseThrow(() -> new QuerySyntaxException(
                "Expected an operator " + OPERATORS + " after \"" + field + "\"", pos));
        pos += op.symbol().length();
        skipWhitespace();
        if (peek('"')) {
            return new Comparison(field, op, quotedValue(), true);
        }
        int valueStart = pos;
        pos = rawValueEnd();
        String value = input.substring(valueStart, pos).strip();
        if (value.isEmpty()) {
            throw new QuerySyntaxException("Missing value after \"" + op.symbol() + "\"", valueStart);
        }
        Comparison comparison = new Comparison(field, op, value, false);
        if (comparison.isNullLiteral() && !op.isEquality()) {
            throw new QuerySyntaxException(
                    "null can only follow = or != (write \"null\" in quotes to mean the text)", valueStart);
        }
        return comparison;
    }

    private String quotedValue() {
        int open = pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new QuerySyntaxException("Unclosed quote opened", open);
            }
            char c = input.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\') {
                if (pos + 1 >= input.length()) {
                    throw new QuerySyntaxException("Unclosed quote opened", open);
                }
                char escaped = input.charAt(pos + 1);
                if (escaped != '"' && escaped != '\\') {
                    throw new QuerySyntaxException("Unknown escape \"\\" + escaped
                            + "\" in a quoted value (only \\\" and \\\\ are allowed)", pos);
                }
                value.append(escaped);
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        skipWhitespace();
        if (!atEnd() && !atValueEnd(pos)) {
            throw new QuerySyntaxException(
                    "Expected \"&&\", \"||\", \"}\" or the end of the query after the closing quote", pos);
        }
        return value.toString();
    }

    private int rawValueEnd() {
        int i = pos;
        while (i < input.length() && !atValueEnd(i)) {
            i++;
        }
        return i;
    }

    private boolean atValueEnd(int i) {
        return input.startsWith("&&", i) || input.startsWith("||", i) || input.charAt(i) == '}';
    }

    private boolean consume(String token) {
        skipWhitespace();
        if (input.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return !atEnd() && input.charAt(pos) == c;
    }

    private boolean atEnd() {
        return pos >= input.length();
    }
}
