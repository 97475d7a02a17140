package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnstorableCharactersTest {

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
    void replacesLoneSurrogateEscapesAndKeepsPairs() {
        assertThat(json("{\"a\":\"x\\ud800y\"}")).isEqualTo("{\"a\":\"x\\ufffdy\"}");
        assertThat(json("{\"a\":\"x\\uDBFF\"}")).as("Jackson writes upper case").isEqualTo("{\"a\":\"x\\ufffd\"}");
        assertThat(json("{\"a\":\"\\udc00x\"}")).as("a low one alone").isEqualTo("{\"a\":\"\\ufffdx\"}");
        assertThat(json("{\"a\":\"\\ud800\\ud800\\udc00\"}")).as("a high one before a pair")
                .isEqualTo("{\"a\":\"\\ufffd\\ud800\\udc00\"}");
        assertThat(json("{\"a\":\"\\ud800\\n\"}")).isEqualTo("{\"a\":\"\\ufffd\\n\"}");
        assertThat(json("{\"a\":\"\\\\ud800\"}")).as("an escaped backslash, then text").isEqualTo("{\"a\":\"\\\\ud800\"}");
        assertThat(json("{\"\\ud800\":1}")).as("in a field name").isEqualTo("{\"\\ufffd\":1}");
        byte[] pair = "{\"a\":\"\\ud83d\\ude00 \\uD83D\\uDE00 \u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(UnstorableCharacters.inJson(pair)).as("pairs and other characters stay").isSameAs(pair);
    }

    @Test
    void replacesASurrogateEncodedStraightIntoUtf8() {
        byte[] raw = {'"', 'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'y', '"'};
        assertThat(new String(UnstorableCharacters.inJson(raw), StandardCharsets.UTF_8)).isEqualTo("\"x\\ufffdy\"");
        byte[] hangul = "\"\ud7a3\"".getBytes(StandardCharsets.UTF_8); // ED 9E A3: a real character, kept
        assertThat(UnstorableCharacters.inJson(hangul)).isSameAs(hangul);
    }

    @Test
    void aRecordWithoutThemIsTheSameArrayAndIdsAreCleanedToo() {
        byte[] clean = "{\"a\":\"\\u0001 \\\\u0000x\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(UnstorableCharacters.inJson(clean)).isSameAs(clean);
        assertThat(UnstorableCharacters.inText("id\u0000")).isEqualTo("id\ufffd");
        assertThat(UnstorableCharacters.inText("a\ud800b\udc00c")).isEqualTo("a\ufffdb\ufffdc");
        assertThat(UnstorableCharacters.inText("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
        assertThat(UnstorableCharacters.inText("plain")).isEqualTo("plain");
    }

    private static String json(String text) {
        return new String(UnstorableCharacters.inJson(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
