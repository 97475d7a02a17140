package dev.bridgekeeper.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parts read in turn under one cursor: where a read goes on, and what the sink is told. */
class ReadsInTurnTest {

    /** A part of {@code pages} pages, each handing one record named after the part and page. */
    private record Paged(String name, int pages, List<String> cursorsSeen) implements DataTypeReader {

        @Override
        public void read(ReadContext context, ReadRequest request, PageSink sink) {
            cursorsSeen.add(name + ":" + request.cursor());
            int from = request.cursor() == null ? 1 : Integer.parseInt(request.cursor());
            for (int page = from; page <= pages; page++) {
                sink.accept(List.of(ConnectorRecord.of(name + page, "{}", null, null, false)),
                        page < pages ? String.valueOf(page + 1) : null, page * 100 / pages);
            }
        }
    }

    private record Page(String record, String next, int percent) {}

    private final List<String> seen = new ArrayList<>();
    private final List<ReadsInTurn.Part> parts = List.of(
            new ReadsInTurn.Part("A", new Paged("a", 2, seen)),
            new ReadsInTurn.Part("B", new Paged("b", 3, seen)));

    private List<Page> read(String cursor) {
        List<Page> pages = new ArrayList<>();
        ReadsInTurn.read("Test", parts, null, new ReadRequest("things", null, null, null, cursor, 10),
                (records, next, percent) -> pages.add(new Page(records.get(0).id(), next, percent)));
        return pages;
    }

    @Test
    void aWholeReadGoesThroughEveryPartAndEndsAfterTheLast() {
        assertThat(read(null)).containsExactly(new Page("a1", "A/2", 25), new Page("a2", "B/", 50),
                new Page("b1", "B/2", 66), new Page("b2", "B/3", 83), new Page("b3", null, 100));
        assertThat(seen).containsExactly("a:null", "b:null");
    }

    @Test
    void aReadGoesOnInThePartItsCursorNamesThenTheNext() {
        assertThat(read("A/2")).extracting(Page::record).containsExactly("a2", "b1", "b2", "b3");
        assertThat(seen).containsExactly("a:2", "b:null");
        seen.clear();
        assertThat(read("B/3")).extracting(Page::record).containsExactly("b3");
        assertThat(read("B/")).extracting(Page::record).containsExactly("b1", "b2", "b3");
    }

    @Test
    void aCursorWithoutAPartIsTheFirstPartsAsItsOwnReaderWroteIt() {
        assertThat(read("2")).extracting(Page::record).containsExactly("a2", "b1", "b2", "b3");
    }

    @Test
    void aCursorNamingNoPartFailsTheReadNamingThePlatform() {
        assertThatThrownBy(() -> read("C/1")).isInstanceOf(ReadFailure.class)
                .hasMessageContaining("Unknown Test read position C/");
        assertThatThrownBy(() -> new ReadsInTurn.Part("A/B", parts.get(0).reader()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
