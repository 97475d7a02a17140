package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageIndexTest {

    /** {@code n} anchors "id-0".."id-(n-1)", each standing for STEP matches. */
    private static PageIndex.Entry anchors(int n) {
        return PageIndex.Entry.of(n * (long) PageIndex.STEP, PageIndex.STEP,
                IntStream.range(0, n).mapToObj(i -> "id-" + i).toList());
    }

    @Test
    void anEntryIsBuiltOnceAndFindsTheIdAtOrBeforeAnOffset() {
        PageIndex index = new PageIndex(10_000);
        AtomicInteger builds = new AtomicInteger();
        PageIndex.Entry first = index.get("k", () -> {
            builds.incrementAndGet();
            return anchors(3);
        });
        PageIndex.Entry again = index.get("k", () -> {
            builds.incrementAndGet();
            return anchors(3);
        });
        assertThat(builds).hasValue(1);
        assertThat(again).isSameAs(first);
        assertThat(first.anchorFor(0)).isEqualTo("id-0");
        assertThat(first.anchorFor(199)).isEqualTo("id-1");
        assertThat(first.anchorFor(200)).isEqualTo("id-2");
        assertThat(first.anchorFor(300)).as("past the last match").isNull();

        PageIndex.Entry all = PageIndex.Entry.of(3, 1, List.of("a", "", "ccc"));
        assertThat(IntStream.range(0, 3).mapToObj(all::id).toList()).containsExactly("a", "", "ccc");
    }

    @Test
    void theLeastRecentlyUsedEntriesGoWhenTheMemoryBudgetIsExceeded() {
        long one = PageIndex.weight(anchors(9));
        PageIndex index = new PageIndex(one * 2 + one / 2);
        index.get("a", () -> anchors(9));
        index.get("b", () -> anchors(9));
        index.get("a", () -> anchors(0)); // a used again, so b is now the eldest
        index.get("c", () -> anchors(9)); // three do not fit: b goes
        assertThat(index.size()).isEqualTo(2);
        AtomicInteger rebuilt = new AtomicInteger();
        index.get("a", () -> {
            rebuilt.incrementAndGet();
            return anchors(9);
        });
        assertThat(rebuilt).as("a was kept").hasValue(0);
        index.get("b", () -> {
            rebuilt.incrementAndGet();
            return anchors(9);
        });
        assertThat(rebuilt).as("b was evicted").hasValue(1);
        assertThat(new PageIndex(0).get("x", () -> anchors(1)).anchorFor(0)).as("served, not kept").isEqualTo("id-0");
    }

    @Test
    void longKeysCountAgainstTheBudgetSoManyDistinctQueriesCannotGrowTheHeapUnseen() {
        long budget = 256 * 1024;
        PageIndex index = new PageIndex(budget);
        String longFilter = "x".repeat(10_000); // a query string a caller may send: 10 KB of listing key
        for (int i = 0; i < 4_000; i++) {
            int n = i;
            index.get("count|" + n + "|" + longFilter, () -> PageIndex.Entry.of(n, 1, List.of()));
        }
        assertThat(index.bytes()).isLessThanOrEqualTo(budget);
        assertThat(index.size()).as("entries kept for 4,000 distinct listings")
                .isLessThanOrEqualTo((int) (budget / PageIndex.ENTRY_OVERHEAD));

        PageIndex many = new PageIndex(Long.MAX_VALUE);
        for (int i = 0; i < PageIndex.MAX_ENTRIES + 500; i++) {
            int n = i;
            many.get("k" + n, () -> PageIndex.Entry.of(n, 1, List.of()));
        }
        assertThat(many.size()).isEqualTo(PageIndex.MAX_ENTRIES);
    }

    @Test
    void concurrentRequestsForAnEntryBeingBuiltWaitForThatBuild() throws Exception {
        PageIndex index = new PageIndex(1_000_000);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        List<PageIndex.Entry> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread reader = new Thread(() -> seen.add(index.get("same listing", () -> {
                builds.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return anchors(2);
            })));
            readers.add(reader);
            reader.start();
        }
        // every reader is parked: one in its build, the others waiting (or, were they not made to, building too)
        await().until(() -> readers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        assertThat(builds).hasValue(1);
        assertThat(seen).hasSize(8).allSatisfy(entry -> assertThat(entry).isSameAs(seen.get(0)));
    }
}
