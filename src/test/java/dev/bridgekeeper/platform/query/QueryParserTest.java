package dev.bridgekeeper.platform.query;

import static dev.bridgekeeper.platform.query.Operator.CONTAINS;
import static dev.bridgekeeper.platform.query.Operator.EQUALS;
import static dev.bridgekeeper.platform.query.Operator.GREATER_THAN;
import static dev.bridgekeeper.platform.query.Operator.GREATER_THAN_OR_EQUAL;
import static dev.bridgekeeper.platform.query.Operator.LESS_THAN;
import static dev.bridgekeeper.platform.query.Operator.LESS_THAN_OR_EQUAL;
import static dev.bridgekeeper.platform.query.Operator.NOT_EQUALS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bridgekeeper.platform.query.QueryExpression.And;
import dev.bridgekeeper.platform.query.QueryExpression.Comparison;
import dev.bridgekeeper.platform.query.QueryExpression.Or;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryParserTest {

    private static Comparison cmp(String field, Operator op, String value) {
        return new Comparison(field, op, value, false);
    }

    private static Comparison quoted(String field, Operator op, String value) {
        return new Comparison(field, op, value, true);
    }

    private static And and(QueryExpression... terms) {
        return new And(List.of(terms));
    }

    private static Or or(QueryExpression... terms) {
        return new Or(List.of(terms));
    }

    static Stream<Arguments> validQueries() {
        return Stream.of(
                Arguments.of("name=Acme", cmp("name", EQUALS, "Acme")),
                Arguments.of("name!=Acme", cmp("name", NOT_EQUALS, "Acme")),
                Arguments.of("name~acm", cmp("name", CONTAINS, "acm")),
                Arguments.of("amount>10", cmp("amount", GREATER_THAN, "10")),
                Arguments.of("amount<10", cmp("amount", LESS_THAN, "10")),
                Arguments.of("amount>=10.5", cmp("amount", GREATER_THAN_OR_EQUAL, "10.5")),
                Arguments.of("amount<=-3", cmp("amount", LESS_THAN_OR_EQUAL, "-3")),
                // precedence: && binds tighter than ||
                Arguments.of("a=1||b=2&&c=3", or(cmp("a", EQUALS, "1"), and(cmp("b", EQUALS, "2"), cmp("c", EQUALS, "3")))),
                Arguments.of("a=1&&b=2||c=3", or(and(cmp("a", EQUALS, "1"), cmp("b", EQUALS, "2")), cmp("c", EQUALS, "3"))),
                Arguments.of("a=1&&b=2&&c=3", and(cmp("a", EQUALS, "1"), cmp("b", EQUALS, "2"), cmp("c", EQUALS, "3"))),
                Arguments.of("a=1||b=2||c=3", or(cmp("a", EQUALS, "1"), cmp("b", EQUALS, "2"), cmp("c", EQUALS, "3"))),
                // grouping, Codat's own example
                Arguments.of("{status=Paid||status=Draft}&&currency=GBP",
                        and(or(cmp("status", EQUALS, "Paid"), cmp("status", EQUALS, "Draft")),
                                cmp("currency", EQUALS, "GBP"))),
                Arguments.of("a=1&&{b=2||c=3}",
                        and(cmp("a", EQUALS, "1"), or(cmp("b", EQUALS, "2"), cmp("c", EQUALS, "3")))),
                // a group of one is just its content; the structure the caller wrote is kept
                Arguments.of("{a=1}", cmp("a", EQUALS, "1")),
                Arguments.of("{{{a=1}}}", cmp("a", EQUALS, "1")),
                Arguments.of("{a=1&&b=2}&&c=3",
                        and(and(cmp("a", EQUALS, "1"), cmp("b", EQUALS, "2")), cmp("c", EQUALS, "3"))),
                // nesting
                Arguments.of("{a=1&&{b=2||{c=3&&d=4}}}||e=5",
                        or(and(cmp("a", EQUALS, "1"),
                                        or(cmp("b", EQUALS, "2"), and(cmp("c", EQUALS, "3"), cmp("d", EQUALS, "4")))),
                                cmp("e", EQUALS, "5"))),
                // whitespace around tokens, spaces inside values
                Arguments.of("  name = Acme Ltd  &&  { currency=GBP }  ",
                        and(cmp("name", EQUALS, "Acme Ltd"), cmp("currency", EQUALS, "GBP"))),
                Arguments.of("\tname\n=\r\nAcme\t||\tx~y z", or(cmp("name", EQUALS, "Acme"), cmp("x", CONTAINS, "y z"))),
                Arguments.of("amount >= 10", cmp("amount", GREATER_THAN_OR_EQUAL, "10")),
                // a lone & or |, "{" and a quote inside a raw value are just characters
                Arguments.of("name=A & B | C", cmp("name", EQUALS, "A & B | C")),
                Arguments.of("name=a{b", cmp("name", EQUALS, "a{b")),
                Arguments.of("name=5\" screen", cmp("name", EQUALS, "5\" screen")),
                Arguments.of("a==1", cmp("a", EQUALS, "=1")),
                Arguments.of("a<>1", cmp("a", LESS_THAN, ">1")),
                // quoted values may hold the reserved characters
                Arguments.of("name=\"A && B || {C}\"&&x=1",
                        and(quoted("name", EQUALS, "A && B || {C}"), cmp("x", EQUALS, "1"))),
                Arguments.of("name = \"say \\\"hi\\\" \\\\ bye\" ", quoted("name", EQUALS, "say \"hi\" \\ bye")),
                Arguments.of("{name=\"}\"}", quoted("name", EQUALS, "}")),
                Arguments.of("name=\"  padded  \"", quoted("name", EQUALS, "  padded  ")),
                Arguments.of("name=\"\"", quoted("name", EQUALS, "")),
                Arguments.of("name=\"null\"", quoted("name", EQUALS, "null")),
                // null
                Arguments.of("name=null", cmp("name", EQUALS, "null")),
                Arguments.of("name!=null", cmp("name", NOT_EQUALS, "null")),
                Arguments.of("name=NULL", cmp("name", EQUALS, "NULL")),
                Arguments.of("name~nullable", cmp("name", CONTAINS, "nullable")),
                // field names
                Arguments.of("metadata.isDeleted=true", cmp("metadata.isDeleted", EQUALS, "true")),
                Arguments.of("_x.lines.0.amount_2<5", cmp("_x.lines.0.amount_2", LESS_THAN, "5")),
                // an injection attempt is just a value
                Arguments.of("name=x' OR 1=1--", cmp("name", EQUALS, "x' OR 1=1--")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validQueries")
    void parses(String query, QueryExpression expected) {
        assertEquals(expected, QueryParser.parse(query));
    }

    @Test
    void nullLiteralOnlyWhenUnquoted() {
        assertTrue(cmp("name", EQUALS, "null").isNullLiteral());
        assertFalse(quoted("name", EQUALS, "null").isNullLiteral());
        assertFalse(cmp("name", EQUALS, "NULL").isNullLiteral());
    }

    @Test
    void acceptsInputsAtEveryLimit() {
        String deepest = "{".repeat(32) + "a=1" + "}".repeat(32);
        assertEquals(cmp("a", EQUALS, "1"), QueryParser.parse(deepest));

        String hundred = "a=1&&".repeat(99) + "a=1";
        assertEquals(100, ((And) QueryParser.parse(hundred)).terms().size());

        String longest = "name=" + "x".repeat(1995);
        assertEquals(2000, longest.length());
        assertEquals(cmp("name", EQUALS, "x".repeat(1995)), QueryParser.parse(longest));
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("", -1, "Empty query"),
                Arguments.of("   ", -1, "Empty query"),
                Arguments.of("name", 4, "Expected an operator (=, !=, ~, >, <, >=, <=) after \"name\" at position 4"),
                Arguments.of("name Acme", 5, "Expected an operator (=, !=, ~, >, <, >=, <=) after \"name\" at position 5"),
                Arguments.of("name!Acme", 4, "Expected an operator (=, !=, ~, >, <, >=, <=) after \"name\" at position 4"),
                Arguments.of("name=", 5, "Missing value after \"=\" at position 5"),
                Arguments.of("name=   ", 8, "Missing value after \"=\" at position 8"),
                Arguments.of("name=&&x=1", 5, "Missing value after \"=\" at position 5"),
                Arguments.of("{name=x||y>=}", 12, "Missing value after \">=\" at position 12"),
                Arguments.of("{a=1", 0, "Unclosed \"{\" opened at position 0"),
                Arguments.of("a=1&&{b=2||{c=3}", 5, "Unclosed \"{\" opened at position 5"),
                Arguments.of("a=1}", 3, "Unexpected \"}\" at position 3"),
                Arguments.of("name=Acme}", 9, "Unexpected \"}\" at position 9"),
                Arguments.of("{a=1}}", 5, "Unexpected \"}\" at position 5"),
                Arguments.of("=1", 0, "Expected a field name or \"{\" at position 0"),
                Arguments.of("1a=2", 0, "Expected a field name or \"{\" at position 0"),
                Arguments.of("{}", 1, "Expected a field name or \"{\" at position 1"),
                Arguments.of("||a=1", 0, "Expected a field name or \"{\" at position 0"),
                Arguments.of("a=1&&", 5, "Expected a field name or \"{\" after \"&&\" at position 5"),
                Arguments.of("a=1|| ", 6, "Expected a field name or \"{\" after \"||\" at position 6"),
                Arguments.of("a=1&&&&b=2", 5, "Expected a field name or \"{\" after \"&&\" at position 5"),
                Arguments.of("{a=1&&}", 6, "Expected a field name or \"{\" after \"&&\" at position 6"),
                Arguments.of("{a=1}b=2", 5, "Expected \"&&\", \"||\" or the end of the query at position 5"),
                Arguments.of("{a=1} & b=2", 6, "Expected \"&&\", \"||\" or the end of the query at position 6"),
                Arguments.of("{{a=1}b=2}", 6, "Expected \"&&\", \"||\" or \"}\" at position 6"),
                Arguments.of("name=\"Acme", 5, "Unclosed quote opened at position 5"),
                Arguments.of("name=\"Acme\\\"", 5, "Unclosed quote opened at position 5"),
                Arguments.of("name=\"Acme\\", 5, "Unclosed quote opened at position 5"),
                Arguments.of("name=\"A\\x\"", 7,
                        "Unknown escape \"\\x\" in a quoted value (only \\\" and \\\\ are allowed) at position 7"),
                Arguments.of("name=\"Acme\" Ltd", 12,
                        "Expected \"&&\", \"||\", \"}\" or the end of the query after the closing quote at position 12"),
                Arguments.of("a.=1", 2, "Expected a letter, digit or \"_\" after \".\" in a field name at position 2"),
                Arguments.of("a..b=1", 2, "Expected a letter, digit or \"_\" after \".\" in a field name at position 2"),
                Arguments.of("a.", 2, "Expected a letter, digit or \"_\" after \".\" in a field name at position 2"),
                Arguments.of("amount>null", 7,
                        "null can only follow = or != (write \"null\" in quotes to mean the text) at position 7"),
                Arguments.of("name~ null ", 6,
                        "null can only follow = or != (write \"null\" in quotes to mean the text) at position 6"),
                Arguments.of("{".repeat(33) + "a=1" + "}".repeat(33), 32,
                        "Groups are nested more than 32 levels deep at position 32"),
                Arguments.of("a=1&&".repeat(100) + "b=2", 500,
                        "Too many comparisons (the limit is 100) at position 500"),
                Arguments.of("name=" + "x".repeat(1996), 2000, "Query is longer than 2000 characters at position 2000"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedQueries")
    void rejectsWithPosition(String query, int position, String message) {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> QueryParser.parse(query));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
    }

    @Test
    void rejectsMissingQuery() {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> QueryParser.parse(null));
        assertEquals("Empty query", e.getMessage());
        assertEquals(-1, e.position());
    }

    @Test
    void astRejectsWhatTheParserNeverBuilds() {
        assertThrows(IllegalArgumentException.class, () -> new Comparison("a;b", EQUALS, "1", false));
        assertThrows(IllegalArgumentException.class, () -> new And(List.of(cmp("a", EQUALS, "1"))));
        assertThrows(IllegalArgumentException.class, () -> new Or(List.of()));
    }
}
