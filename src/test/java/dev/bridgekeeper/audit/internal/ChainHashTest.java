package dev.bridgekeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The canonical form is what JSON.stringify writes with sorted keys, byte for byte, so auditors can recompute it. */
class ChainHashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID COMPANY = UUID.fromString("0b7c6a52-4a0e-4f7e-9d55-1f2a3b4c5d6e");
    private static final Instant AT = Instant.parse("2026-05-01T09:30:00Z");

    @Test
    void writesTheDocumentedArrayWithSixFractionalDigitsAndNullSubject() {
        assertThat(ChainHash.canonicalForm(ChainHash.GENESIS, 1, COMPANY, "consent.granted", null, JSON.readTree("{}"),
                AT)).isEqualTo("[\"bridgekeeper-audit-v1\",\"" + "0".repeat(64) + "\",1,\"" + COMPANY
                        + "\",\"consent.granted\",null,{},\"2026-05-01T09:30:00.000000Z\"]");
        assertThat(ChainHash.formatRecordedAt(Instant.parse("2026-05-01T09:30:00.12Z")))
                .isEqualTo("2026-05-01T09:30:00.120000Z");
    }

    @Test
    void sortsKeysByUtf16CodeUnitsAsJavaScriptDoes() {
        // U+FF21 (fullwidth A) is above the surrogates of U+1F600 in UTF-16, below it in code points
        JsonNode details = JSON.readTree("{\"\uFF21\":1,\"\uD83D\uDE00\":2,\"a\":3,\"B\":4,\"\u00e9\":5,\"aa\":6}");
        assertThat(form(details)).contains("{\"B\":4,\"a\":3,\"aa\":6,\"\u00e9\":5,\"\uD83D\uDE00\":2,\"\uFF21\":1}");
    }

    @Test
    void escapesStringsAsJsonStringifyDoes() {
        JsonNode details = JSON.readTree("{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f / \u2028 </x> \u00e9\"}");
        assertThat(form(details)).contains("{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f / \u2028 </x> \u00e9\"}");
    }

    @Test
    void writesIntegersInPlainDecimalAndNestedValuesInOrder() {
        JsonNode details = JSON.readTree("{\"n\":[-9007199254740991,0,9007199254740991,true,false,null,[],{}]}");
        assertThat(form(details)).contains("{\"n\":[-9007199254740991,0,9007199254740991,true,false,null,[],{}]}");
    }

    @Test
    void refusesWhatLanguagesWouldWriteDifferently() {
        assertThatThrownBy(() -> ChainHash.requireHashable(JSON.readTree("{\"a\":{\"b\":[1.5]}}"), "details"))
                .hasMessageContaining("details.a.b[0] is a fraction");
        assertThatThrownBy(() -> ChainHash.requireHashable(JSON.readTree("{\"a\":9007199254740992}"), "details"))
                .hasMessageContaining("details.a is beyond");
        assertThatThrownBy(() -> ChainHash.requireHashable(JSON.readTree("{\"a\":1e3}"), "details"))
                .hasMessageContaining("fraction");
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        JsonNode details = JSON.readTree("{\"a\":1}");
        String hash = ChainHash.hash(ChainHash.GENESIS, 1, COMPANY, "e", "s", details, AT);
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(ChainHash.hash("1".repeat(64), 1, COMPANY, "e", "s", details, AT)).isNotEqualTo(hash);
        assertThat(ChainHash.hash(ChainHash.GENESIS, 2, COMPANY, "e", "s", details, AT)).isNotEqualTo(hash);
        assertThat(ChainHash.hash(ChainHash.GENESIS, 1, UUID.randomUUID(), "e", "s", details, AT)).isNotEqualTo(hash);
        assertThat(ChainHash.hash(ChainHash.GENESIS, 1, COMPANY, "f", "s", details, AT)).isNotEqualTo(hash);
        assertThat(ChainHash.hash(ChainHash.GENESIS, 1, COMPANY, "e", null, details, AT)).isNotEqualTo(hash);
        assertThat(ChainHash.hash(ChainHash.GENESIS, 1, COMPANY, "e", "s", JSON.readTree("{\"a\":2}"), AT))
                .isNotEqualTo(hash);
        assertThat(ChainHash.hash(ChainHash.GENESIS, 1, COMPANY, "e", "s", details, AT.plusNanos(1000)))
                .isNotEqualTo(hash);
    }

    private static String form(JsonNode details) {
        return ChainHash.canonicalForm(ChainHash.GENESIS, 1, COMPANY, "e", "s", details, AT);
    }
}
