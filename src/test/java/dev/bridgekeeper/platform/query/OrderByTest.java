package dev.bridgekeeper.platform.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderByTest {

    private static final FieldMapping COMPANIES = FieldMapping.builder()
            .field("id", "c.id", FieldType.UUID)
            .field("name", "c.name", FieldType.STRING)
            .field("created", "c.created_at", FieldType.TIMESTAMP)
            .field("lowerName", "lower(c.name)", FieldType.STRING)
            .build();

    private static final FieldMapping RECORDS = FieldMapping.builder()
            .field("id", "r.record_id", FieldType.STRING)
            .fallback(FieldMapping.jsonbFallback("r.doc"))
            .build();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "created                | c.created_at ASC",
        "-created               | c.created_at DESC",
        "-created,name          | c.created_at DESC, c.name ASC",
        "'  -created ,  name  ' | c.created_at DESC, c.name ASC",
        "NAME,-ID               | c.name ASC, c.id DESC",
        "lowerName              | (lower(c.name)) ASC",
        "name,-name             | c.name ASC, c.name DESC",
    })
    void buildsOrderByFromDeclaredFields(String orderBy, String expected) {
        assertEquals(expected, OrderBy.parse(orderBy, COMPANIES));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "-metadata.modifiedDate        | (r.doc #>> '{metadata,modifiedDate}') DESC",
        "contact.name,-id              | (r.doc #>> '{contact,name}') ASC, r.record_id DESC",
        "lines.0.amount                | (r.doc #>> '{lines,0,amount}') ASC",
    })
    void ordersJsonbPathsByTheirExpression(String orderBy, String expected) {
        assertEquals(expected, OrderBy.parse(orderBy, RECORDS));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "--name           | 1  | Expected a field name after \"-\" at position 1",
        "-                | 1  | Expected a field name after \"-\" at position 1",
        "'- name'         | 1  | Expected a field name after \"-\" at position 1",
        "name,            | 5  | Expected a field name after \",\" at position 5",
        ",name            | 0  | Expected a field name at position 0",
        "name,,id         | 5  | Expected a field name after \",\" at position 5",
        "+name            | 0  | Expected a field name at position 0",
        "'na me'          | 3  | Expected \",\" or the end of orderBy after \"na\" at position 3",
        "'name desc'      | 5  | Expected \",\" or the end of orderBy after \"name\" at position 5",
        "name;drop table  | 4  | Expected \",\" or the end of orderBy after \"name\" at position 4",
        "'name)--'        | 4  | Expected \",\" or the end of orderBy after \"name\" at position 4",
        "a.               | 2  | Expected a letter, digit or \"_\" after \".\" in a field name at position 2",
        "foo,name-        | 8  | Expected \",\" or the end of orderBy after \"name\" at position 8",
        "''               | -1 | Empty orderBy",
        "'   '            | -1 | Empty orderBy",
    })
    void rejectsMalformedOrderBy(String orderBy, int position, String message) {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> OrderBy.parse(orderBy, COMPANIES));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
    }

    @Test
    void rejectsMissingAndOverlongOrderBy() {
        assertEquals("Empty orderBy",
                assertThrows(QuerySyntaxException.class, () -> OrderBy.parse(null, COMPANIES)).getMessage());
        String overlong = "name," .repeat(400) + "id";
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> OrderBy.parse(overlong, COMPANIES));
        assertEquals("orderBy is longer than 2000 characters at position 2000", e.getMessage());
    }

    @Test
    void rejectsUnknownFields() {
        QueryFieldException e = assertThrows(QueryFieldException.class, () -> OrderBy.parse("name,-foo", COMPANIES));
        assertEquals("Unknown field \"foo\" in orderBy; sortable fields are: id, name, created, lowerName",
                e.getMessage());
        assertEquals("foo", e.field());
    }
}
