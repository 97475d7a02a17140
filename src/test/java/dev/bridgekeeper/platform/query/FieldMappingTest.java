package dev.bridgekeeper.platform.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldMappingTest {

    private final Function<String, FieldSpec> jsonb = FieldMapping.jsonbFallback("doc");

    @Test
    void jsonbFallbackTurnsAPathIntoAJsonbTextLookup() {
        assertEquals(new FieldSpec("doc #>> '{metadata,isDeleted}'", FieldType.STRING, true),
                jsonb.apply("metadata.isDeleted"));
        assertEquals(new FieldSpec("doc #>> '{currency}'", FieldType.STRING, true), jsonb.apply("currency"));
        assertEquals(new FieldSpec("r.doc #>> '{lines,0,_x}'", FieldType.STRING, true),
                FieldMapping.jsonbFallback("r.doc").apply("lines.0._x"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "a'b", "a;drop", "a.}", "a..b", "a b", "1a", "a.b'--", "a,b", "a}", "{a}",
        ".a", "a.", "ä", "a\"b", "a\\b", "a.b') OR ('1"})
    void jsonbFallbackRejectsUnsafePaths(String path) {
        QueryFieldException e = assertThrows(QueryFieldException.class, () -> jsonb.apply(path));
        assertEquals("Field \"" + path + "\" can't be used; field names are letters, digits and \"_\", with \".\" "
                + "between the parts of a path", e.getMessage());
        assertEquals(path, e.field());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "doc;", "doc #>> '{a}'", "a.b.c", "1doc", "doc--"})
    void jsonbFallbackRejectsUnsafeColumns(String column) {
        assertThrows(IllegalArgumentException.class, () -> FieldMapping.jsonbFallback(column));
    }

    @Test
    void namesMatchCaseInsensitivelyAndKeepTheirDeclaredOrder() {
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        fields.put("lastSync", new FieldSpec("c.last_sync", FieldType.TIMESTAMP));
        fields.put("id", new FieldSpec("c.id", FieldType.UUID));
        FieldMapping mapping = FieldMapping.of(fields);
        assertEquals(List.of("lastSync", "id"), mapping.fieldNames());
        assertEquals(Optional.of(new FieldSpec("c.last_sync", FieldType.TIMESTAMP)), mapping.find("LASTSYNC"));
        assertEquals(Optional.empty(), mapping.find("sync"));
        assertEquals(Optional.empty(), mapping.find(null));
    }

    @Test
    void builderRejectsDuplicatesAndNamesNoQueryCouldUse() {
        assertThrows(IllegalArgumentException.class, () -> FieldMapping.builder()
                .field("name", "a", FieldType.STRING).field("Name", "b", FieldType.STRING));
        assertThrows(IllegalArgumentException.class, () -> FieldMapping.builder().field("a-b", "a", FieldType.STRING));
        assertThrows(IllegalArgumentException.class, () -> FieldMapping.builder().field("", "a", FieldType.STRING));
    }

    @Test
    void fieldSpecRejectsPlaceholdersBlanksAndMisplacedInference() {
        assertThrows(IllegalArgumentException.class, () -> new FieldSpec("doc ? 'a'", FieldType.BOOLEAN));
        assertThrows(IllegalArgumentException.class, () -> new FieldSpec(" ", FieldType.STRING));
        assertThrows(NullPointerException.class, () -> new FieldSpec("a", null));
        assertThrows(IllegalArgumentException.class, () -> new FieldSpec("a", FieldType.NUMBER, true));
    }

    @Test
    void onlyPlainColumnsGoUnparenthesised() {
        assertEquals("name", new FieldSpec("name", FieldType.STRING).sqlOperand());
        assertEquals("c.name", new FieldSpec("c.name", FieldType.STRING).sqlOperand());
        assertEquals("(lower(c.name))", new FieldSpec("lower(c.name)", FieldType.STRING).sqlOperand());
        assertEquals("(doc #>> '{a}')", new FieldSpec("doc #>> '{a}'", FieldType.STRING).sqlOperand());
    }
}
