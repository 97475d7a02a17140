package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NulCharactersTest {

    @Test
    void replacesTheEscapeAndRawBytesButNotAnEscapedBackslash() {
        assertThat(json("{\"a\":\"x\\u0000y\"}")).isEqualTo("{\"a\":\"x\\ufffdy\"}");
        assertThat(json("{\"a\":\"x\u0000y\"}")).isEqualTo("{\"a\":\"x\\ufffdy\"}");
        // a backslash written as \\ followed by the letters u0000 is text, not an escape
        assertThat(json("{\"a\":\"\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\u0000\"}");
        assertThat(json("{\"a\":\"\\\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\\\ufffd\"}");
        assertThat(json("{\"a\":\"\\u00001\"}")).isEqualTo("{\"a\":\"\\ufffd1\"}");
    }

    @Test
    void aRecordWithoutNulIsTheSameArray() {
        byte[] clean = "{\"a\":\"\\u0001 \\\\u0000x\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(NulCharacters.inJson(clean)).isSameAs(clean);
        assertThat(NulCharacters.inText("id\u0000")).isEqualTo("id\ufffd");
    }

    private static String json(String text) {
        return new String(NulCharacters.inJson(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
