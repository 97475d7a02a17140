package dev.bridgekeeper.platform.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuerySqlTest {

    private static final FieldMapping COMPANIES = FieldMapping.builder()
            .field("id", "c.id", FieldType.UUID)
            .field("name", "c.name", FieldType.STRING)
            .field("status", "c.status", FieldType.ENUM_STRING)
            .field("amount", "c.amount", FieldType.NUMBER)
            .field("isDeleted", "c.is_deleted", FieldType.BOOLEAN)
            .field("created", "c.created_at", FieldType.TIMESTAMP)
            .field("issueDate", "c.issue_date", FieldType.DATE)
            .field("lowerName", "lower(c.name)", FieldType.STRING)
            .build();

    private static final FieldMapping RECORDS = FieldMapping.builder()
            .field("id", "r.record_id", FieldType.STRING)
            .fallback(FieldMapping.jsonbFallback("r.doc"))
            .build();

    private static final String NUMERIC =
            "'^[-+]{0,1}([0-9]+([.][0-9]*){0,1}|[.][0-9]+)([eE][-+]{0,1}[0-9]{1,3}){0,1}$'";
    private static final String TIMESTAMP = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}"
            + "(:[0-9]{2}([.][0-9]+){0,1}){0,1}(Z|[-+][0-9]{2}(:{0,1}[0-9]{2}){0,1}){0,1}){0,1}$'";
    private static final String ID = "8a210b68-6988-11ed-a1eb-0242ac120002";
    private static final OffsetDateTime JAN_31 = OffsetDateTime.of(2024, 1, 31, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime JAN_31_TEN = OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.UTC);

    private static Arguments row(String query, String sql, Object... params) {
        return Arguments.of(query, sql, List.of(params));
    }

    static Stream<Arguments> typedComparisons() {
        return Stream.of(
                // STRING: every operator
                row("name=Acme", "c.name = ?", "Acme"),
                row("name!=Acme", "c.name IS DISTINCT FROM ?", "Acme"),
                row("name~acme", "c.name ILIKE ? ESCAPE '\\'", "%acme%"),
                row("name>M", "c.name > ?", "M"),
                row("name<M", "c.name < ?", "M"),
                row("name>=M", "c.name >= ?", "M"),
                row("name<=M", "c.name <= ?", "M"),
                row("name=Acme Ltd", "c.name = ?", "Acme Ltd"),
                row("name=\"A && B\"", "c.name = ?", "A && B"),
                row("name=\"\"", "c.name = ?", ""),
                row("name=true", "c.name = ?", "true"),
                // ENUM_STRING
                row("status=Paid", "c.status = ?", "Paid"),
                row("status!=Draft", "c.status IS DISTINCT FROM ?", "Draft"),
                // NUMBER
                row("amount=10.50", "c.amount = ?", new BigDecimal("10.50")),
                row("amount!=0", "c.amount IS DISTINCT FROM ?", BigDecimal.ZERO),
                row("amount>-3", "c.amount > ?", new BigDecimal("-3")),
                row("amount<1e3", "c.amount < ?", new BigDecimal("1e3")),
                row("amount>=.5", "c.amount >= ?", new BigDecimal("0.5")),
                row("amount<=+7", "c.amount <= ?", new BigDecimal("7")),
                row("amount=\"42\"", "c.amount = ?", new BigDecimal("42")),
                // BOOLEAN
                row("isDeleted=true", "c.is_deleted = ?", true),
                row("isDeleted!=false", "c.is_deleted IS DISTINCT FROM ?", false),
                row("isDeleted=TRUE", "c.is_deleted = ?", true),
                // TIMESTAMP: every form, every ordering operator
                row("created=2024-01-31", "c.created_at = ?", JAN_31),
                row("created!=2024-01-31T10:00:00", "c.created_at IS DISTINCT FROM ?", JAN_31_TEN),
                row("created>2024-01-31T10:00:00Z", "c.created_at > ?", JAN_31_TEN),
                row("created<2024-01-31T10:00:00+01:00", "c.created_at < ?",
                        OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.ofHours(1))),
                row("created>=2024-01-31T10:00:00.250Z", "c.created_at >= ?",
                        OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 250_000_000, ZoneOffset.UTC)),
                row("created<=2024-01-31T10:00", "c.created_at <= ?", JAN_31_TEN),
                // DATE
                row("issueDate=2024-01-31", "c.issue_date = ?", LocalDate.of(2024, 1, 31)),
                row("issueDate!=2024-01-31", "c.issue_date IS DISTINCT FROM ?", LocalDate.of(2024, 1, 31)),
                row("issueDate>2024-01-31T00:00:00", "c.issue_date > ?", LocalDate.of(2024, 1, 31)),
                row("issueDate<2024-02-01T00:00:00Z", "c.issue_date < ?", LocalDate.of(2024, 2, 1)),
                row("issueDate>=2024-01-01", "c.issue_date >= ?", LocalDate.of(2024, 1, 1)),
                row("issueDate<=2024-12-31", "c.issue_date <= ?", LocalDate.of(2024, 12, 31)),
                // UUID
                row("id=" + ID, "c.id = ?", UUID.fromString(ID)),
                row("id!=" + ID.toUpperCase(), "c.id IS DISTINCT FROM ?", UUID.fromString(ID)),
                // null on every type
                row("name=null", "c.name IS NULL"),
                row("created!=null", "c.created_at IS NOT NULL"),
                row("id=null", "c.id IS NULL"),
                row("amount != null", "c.amount IS NOT NULL"),
                row("name=\"null\"", "c.name = ?", "null"),
                // field names match case-insensitively
                row("NAME=Acme", "c.name = ?", "Acme"),
                row("Created>2024-01-31", "c.created_at > ?", JAN_31),
                // expressions other than a column are parenthesised
                row("lowerName=acme", "(lower(c.name)) = ?", "acme"),
                row("lowerName~acme", "(lower(c.name)) ILIKE ? ESCAPE '\\'", "%acme%"),
                // groups
                row("{status=Paid||status=Draft}&&amount>=10",
                        "((c.status = ? OR c.status = ?) AND c.amount >= ?)", "Paid", "Draft", new BigDecimal("10")),
                row("name=a||name=b&&isDeleted=false",
                        "(c.name = ? OR (c.name = ? AND c.is_deleted = ?))", "a", "b", false),
                row("{name=w&&amount=1}&&{name=y||{name=z&&amount<2}}",
                        "((c.name = ? AND c.amount = ?) AND (c.name = ? OR (c.name = ? AND c.amount < ?)))",
                        "w", new BigDecimal("1"), "y", "z", new BigDecimal("2")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("typedComparisons")
    void translatesTypedFields(String query, String sql, List<Object> params) {
        assertEquals(new SqlWhere(sql, params), QuerySql.toWhere(query, COMPANIES));
    }

    static Stream<Arguments> injectionAttempts() {
        return Stream.of(
                row("name=x' OR 1=1--", "c.name = ?", "x' OR 1=1--"),
                row("name=\"'); DROP TABLE companies;--\"", "c.name = ?", "'); DROP TABLE companies;--"),
                row("name~\"' || pg_sleep(10) || '\"", "c.name ILIKE ? ESCAPE '\\'", "%' || pg\\_sleep(10) || '%"),
                row("name~100%_\\", "c.name ILIKE ? ESCAPE '\\'", "%100\\%\\_\\\\%"),
                row("name=?", "c.name = ?", "?"),
                row("note.text=\"x'}'::text--\"", "(r.doc #>> '{note,text}') = ?", "x'}'::text--"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("injectionAttempts")
    void valuesOnlyEverBecomeParameters(String query, String sql, List<Object> params) {
        FieldMapping mapping = query.startsWith("note") ? RECORDS : COMPANIES;
        assertEquals(new SqlWhere(sql, params), QuerySql.toWhere(query, mapping));
    }

    @Test
    void anUnquotedBraceEndsTheValueRatherThanReachingTheJsonbPath() {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class,
                () -> QuerySql.toWhere("note.text=x'}'::text--", RECORDS));
        assertEquals("Unexpected \"}\" at position 12", e.getMessage());
    }

    static Stream<Arguments> jsonbComparisons() {
        String total = "CASE WHEN (r.doc #>> '{totalAmount}') ~ " + NUMERIC
                + " THEN (r.doc #>> '{totalAmount}')::numeric END";
        String issued = "CASE WHEN (r.doc #>> '{issueDate}') ~ " + TIMESTAMP
                + " THEN (r.doc #>> '{issueDate}')::timestamptz END";
        return Stream.of(
                // text
                row("currency=GBP", "(r.doc #>> '{currency}') = ?", "GBP"),
                row("currency!=GBP", "(r.doc #>> '{currency}') IS DISTINCT FROM ?", "GBP"),
                row("contact.name~acme", "(r.doc #>> '{contact,name}') ILIKE ? ESCAPE '\\'", "%acme%"),
                row("reference>B", "(r.doc #>> '{reference}') > ?", "B"),
                // booleans compare as the text jsonb gives back
                row("metadata.isDeleted=true", "(r.doc #>> '{metadata,isDeleted}') = ?", "true"),
                row("metadata.isDeleted=True", "(r.doc #>> '{metadata,isDeleted}') = ?", "true"),
                row("metadata.isDeleted!=FALSE", "(r.doc #>> '{metadata,isDeleted}') IS DISTINCT FROM ?", "false"),
                // numbers: numeric for ordering, text for equality
                row("totalAmount>100.5", total + " > ?", new BigDecimal("100.5")),
                row("totalAmount<0", total + " < ?", BigDecimal.ZERO),
                row("totalAmount>=-1", total + " >= ?", new BigDecimal("-1")),
                row("totalAmount<=1e2", total + " <= ?", new BigDecimal("1e2")),
                row("totalAmount=100", "(r.doc #>> '{totalAmount}') = ?", "100"),
                row("totalAmount!=100", "(r.doc #>> '{totalAmount}') IS DISTINCT FROM ?", "100"),
                row("totalAmount~10", "(r.doc #>> '{totalAmount}') ILIKE ? ESCAPE '\\'", "%10%"),
                // dates: timestamptz for every operator but ~
                row("issueDate=2024-01-31", issued + " = ?", JAN_31),
                row("issueDate!=2024-01-31T10:00:00", issued + " IS DISTINCT FROM ?", JAN_31_TEN),
                row("issueDate>2024-01-31T10:00:00Z", issued + " > ?", JAN_31_TEN),
                row("issueDate<=2024-01-31T11:00:00+01:00", issued + " <= ?",
                        OffsetDateTime.of(2024, 1, 31, 11, 0, 0, 0, ZoneOffset.ofHours(1))),
                row("issueDate~2024-01", "(r.doc #>> '{issueDate}') ILIKE ? ESCAPE '\\'", "%2024-01%"),
                // quoted values are always text
                row("totalAmount>\"100\"", "(r.doc #>> '{totalAmount}') > ?", "100"),
                row("issueDate=\"2024-01-31\"", "(r.doc #>> '{issueDate}') = ?", "2024-01-31"),
                row("metadata.isDeleted=\"true\"", "(r.doc #>> '{metadata,isDeleted}') = ?", "true"),
                // null, array indexes, declared fields win over the fallback
                row("contact.email=null", "(r.doc #>> '{contact,email}') IS NULL"),
                row("contact.email!=null", "(r.doc #>> '{contact,email}') IS NOT NULL"),
                row("lines.0.amount>5",
                        "CASE WHEN (r.doc #>> '{lines,0,amount}') ~ " + NUMERIC
                                + " THEN (r.doc #>> '{lines,0,amount}')::numeric END > ?",
                        new BigDecimal("5")),
                row("ID=abc", "r.record_id = ?", "abc"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("jsonbComparisons")
    void translatesJsonbPaths(String query, String sql, List<Object> params) {
        assertEquals(new SqlWhere(sql, params), QuerySql.toWhere(query, RECORDS));
    }

    private static String notText(String field, String type) {
        return "Operator \"~\" can't be used with \"" + field + "\" (a " + type + " field); \"~\" only works on text fields";
    }

    static Stream<Arguments> fieldErrors() {
        return Stream.of(
                Arguments.of("foo=1", "foo",
                        "Unknown field \"foo\" in query; queryable fields are: id, name, status, amount, isDeleted, "
                                + "created, issueDate, lowerName"),
                Arguments.of("name=x&&metadata.isDeleted=true", "metadata.isDeleted",
                        "Unknown field \"metadata.isDeleted\" in query; queryable fields are: id, name, status, amount, "
                                + "isDeleted, created, issueDate, lowerName"),
                // ~ only on text
                Arguments.of("amount~1", "amount",
                        notText("amount", "number")),
                Arguments.of("created~2024", "created",
                        notText("created", "date-time")),
                Arguments.of("issueDate~2024", "issueDate",
                        notText("issueDate", "date")),
                Arguments.of("isDeleted~t", "isDeleted",
                        notText("isDeleted", "true/false")),
                Arguments.of("id~8a21", "id",
                        notText("id", "UUID")),
                Arguments.of("status~Pa", "status",
                        notText("status", "fixed-choice")),
                // no ordering on booleans, ids and fixed choices
                Arguments.of("isDeleted>true", "isDeleted",
                        "Operator \">\" can't be used with \"isDeleted\" (a true/false field); use = or !="),
                Arguments.of("isDeleted<=yes", "isDeleted",
                        "Operator \"<=\" can't be used with \"isDeleted\" (a true/false field); use = or !="),
                Arguments.of("id<" + ID, "id",
                        "Operator \"<\" can't be used with \"id\" (a UUID field); use = or !="),
                Arguments.of("status>=Paid", "status",
                        "Operator \">=\" can't be used with \"status\" (a fixed-choice field); use = or !="),
                // values that don't convert
                Arguments.of("amount=abc", "amount", "Value \"abc\" for \"amount\" is not a number"),
                Arguments.of("amount>1,000", "amount", "Value \"1,000\" for \"amount\" is not a number"),
                Arguments.of("amount>1e9999", "amount", "Value \"1e9999\" for \"amount\" is not a number"),
                Arguments.of("amount>NaN", "amount", "Value \"NaN\" for \"amount\" is not a number"),
                Arguments.of("isDeleted=yes", "isDeleted", "Value \"yes\" for \"isDeleted\" is not true or false"),
                Arguments.of("isDeleted=1", "isDeleted", "Value \"1\" for \"isDeleted\" is not true or false"),
                Arguments.of("created=abc", "created",
                        "Value \"abc\" for \"created\" is not a date (use yyyy-MM-dd or an ISO-8601 date-time)"),
                Arguments.of("created>2024-02-30", "created",
                        "Value \"2024-02-30\" for \"created\" is not a date (use yyyy-MM-dd or an ISO-8601 date-time)"),
                Arguments.of("created>31/01/2024", "created",
                        "Value \"31/01/2024\" for \"created\" is not a date (use yyyy-MM-dd or an ISO-8601 date-time)"),
                Arguments.of("created>+10000-01-01", "created",
                        "Value \"+10000-01-01\" for \"created\" is not a date (use yyyy-MM-dd or an ISO-8601 date-time)"),
                Arguments.of("issueDate=2024-01-31T10:00:00", "issueDate",
                        "Value \"2024-01-31T10:00:00\" for \"issueDate\" is not a date (use yyyy-MM-dd)"),
                Arguments.of("issueDate=tomorrow", "issueDate",
                        "Value \"tomorrow\" for \"issueDate\" is not a date (use yyyy-MM-dd)"),
                Arguments.of("id=abc", "id",
                        "Value \"abc\" for \"id\" is not a valid id (expected a UUID such as "
                                + "8a210b68-6988-11ed-a1eb-0242ac120002)"),
                Arguments.of("id=1-1-1-1-1", "id",
                        "Value \"1-1-1-1-1\" for \"id\" is not a valid id (expected a UUID such as "
                                + "8a210b68-6988-11ed-a1eb-0242ac120002)"),
                Arguments.of("amount=" + "9".repeat(70) + "x", "amount",
                        "Value \"" + "9".repeat(60) + "…\" for \"amount\" is not a number"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("fieldErrors")
    void rejectsFieldsAndValuesTheMappingCannotTake(String query, String field, String message) {
        QueryFieldException e = assertThrows(QueryFieldException.class, () -> QuerySql.toWhere(query, COMPANIES));
        assertEquals(message, e.getMessage());
        assertEquals(field, e.field());
    }

    @Test
    void rejectsOrderingAgainstABooleanValueOnJsonbPaths() {
        QueryFieldException e = assertThrows(QueryFieldException.class,
                () -> QuerySql.toWhere("metadata.isDeleted>true", RECORDS));
        assertEquals("Operator \">\" can't be used with the value true for \"metadata.isDeleted\"; use = or !=",
                e.getMessage());
        assertEquals("metadata.isDeleted", e.field());
    }

    @Test
    void reportsSyntaxBeforeUnknownFields() {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class,
                () -> QuerySql.toWhere("foo=1&&", COMPANIES));
        assertEquals("Expected a field name or \"{\" after \"&&\" at position 7", e.getMessage());
    }

    @Test
    void rejectsHandBuiltNullWithAnOrderingOperator() {
        QueryExpression expression = new QueryExpression.Comparison("amount", Operator.GREATER_THAN, "null", false);
        QueryFieldException e = assertThrows(QueryFieldException.class, () -> QuerySql.toWhere(expression, COMPANIES));
        assertEquals("null can only be compared with = or !=", e.getMessage());
    }

    @Test
    void mappingWithNoFieldsSaysSo() {
        FieldMapping none = FieldMapping.builder().build();
        QueryFieldException e = assertThrows(QueryFieldException.class, () -> QuerySql.toWhere("a=1", none));
        assertEquals("Unknown field \"a\" in query; there are no queryable fields here", e.getMessage());
    }

    @Test
    void fallbackThatDeclinesMeansUnknown() {
        FieldMapping onlyMetadata = FieldMapping.builder()
                .field("id", "r.id", FieldType.UUID)
                .fallback(field -> field.startsWith("metadata.") ? new FieldSpec("r.meta", FieldType.STRING) : null)
                .build();
        assertEquals(new SqlWhere("r.meta = ?", List.of("x")), QuerySql.toWhere("metadata.a=x", onlyMetadata));
        QueryFieldException e = assertThrows(QueryFieldException.class, () -> QuerySql.toWhere("other=x", onlyMetadata));
        assertEquals("Unknown field \"other\" in query; queryable fields are: id", e.getMessage());
    }

    @Test
    void fragmentFitsAfterTheCallersOwnCondition() {
        SqlWhere where = QuerySql.toWhere("name=a||name=b", COMPANIES);
        assertEquals("WHERE c.client_id = ? AND (c.name = ? OR c.name = ?)",
                "WHERE c.client_id = ? AND " + where.sql());
        assertEquals(List.of("a", "b"), List.of(where.paramArray()));
    }
}
