package dev.bridgekeeper.connector.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.ReadFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PageParserTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private static final String PAGE = "{\"page\":1,\"results\":["
            + "{\"id\":\"txn-1\",\"amount\":12.50,\"note\":\"tab\\there \\\\ é\",\"nested\":{\"id\":\"x\"},"
            + "\"postedDate\":\"2024-12-31T23:59:59Z\",\"modifiedDate\":\"2025-06-01T00:00:00Z\"},"
            + "{\"id\":\"txn-2\",\"metadata\":{\"isDeleted\":true},\"postedDate\":\"2025-01-02T00:00:00\","
            + "\"sourceModifiedDate\":\"2025-06-02T00:00:00Z\",\"list\":[1,{\"id\":\"y\"}]}"
            + "],\"totalResults\":7}";

    @Test
    void keepsEachRecordAsTheBytesSentAndReadsOnlyTheFieldsTheSyncNeeds() {
        PageParser.Page page = PageParser.parse(json, PAGE.getBytes(StandardCharsets.UTF_8), "banking-transactions",
                "postedDate", null);
        assertThat(page.totalResults()).isEqualTo(7);
        assertThat(page.listed()).isEqualTo(2);
        ConnectorRecord first = page.records().get(0);
        assertThat(first.id()).isEqualTo("txn-1");
        assertThat(text(first)).startsWith("{\"id\":\"txn-1\",\"amount\":12.50").endsWith("\"2025-06-01T00:00:00Z\"}")
                .contains("é");
        assertThat(json.readTree(text(first)).path("nested").path("id").asString()).isEqualTo("x");
        assertThat(first.modifiedDate()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(first.deleted()).isFalse();
        ConnectorRecord second = page.records().get(1);
        assertThat(second.deleted()).isTrue();
        assertThat(second.sourceModifiedDate()).isEqualTo(Instant.parse("2025-06-02T00:00:00Z"));
        assertThat(json.readTree(text(second)).path("list").get(1).path("id").asString()).isEqualTo("y");
    }

    @Test
    void leavesOutRecordsDatedBeforeTheSyncFromDate() {
        PageParser.Page page = PageParser.parse(json, PAGE.getBytes(StandardCharsets.UTF_8), "banking-transactions",
                "postedDate", Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(page.listed()).isEqualTo(2);
        assertThat(page.records()).extracting(ConnectorRecord::id).containsExactly("txn-2");
    }

    @Test
    void aBodyWithoutResultsOrARecordWithoutIdIsAFetchError() {
        assertThatThrownBy(() -> PageParser.parse(json, "{\"totalResults\":1}".getBytes(StandardCharsets.UTF_8),
                "invoices", "issueDate", null)).isInstanceOfSatisfying(ReadFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(ReadFailure.Kind.FETCH_ERROR));
        assertThatThrownBy(() -> PageParser.parse(json, "{\"results\":[{\"name\":\"x\"}]}".getBytes(
                StandardCharsets.UTF_8), "invoices", "issueDate", null)).isInstanceOf(ReadFailure.class)
                .hasMessageContaining("no id");
    }

    private static String text(ConnectorRecord record) {
        return new String(record.json(), StandardCharsets.UTF_8);
    }
}
