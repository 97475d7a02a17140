package dev.bridgekeeper.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PageAheadTest {

    /** A read of pages 1..last where each page's call names the next, as offset paging does. */
    private static final class Pages {
        final int last;
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();

        Pages(int last) {
            this.last = last;
        }

        Supplier<Integer> call(int page) {
            return () -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    events.add("fetched " + page);
                    return page;
                } finally {
                    inFlight.decrementAndGet();
                }
            };
        }

        Supplier<Integer> next(int page) {
            return page == last ? null : call(page + 1);
        }
    }

    @Test
    void handsEveryPageOverInOrderWithOneCallInFlight() {
        Pages pages = new Pages(5);
        List<Integer> handed = new CopyOnWriteArrayList<>();

        PageAhead.read(pages.call(1), pages::next, handed::add);

        assertThat(handed).containsExactly(1, 2, 3, 4, 5);
        assertThat(pages.events).containsExactly("fetched 1", "fetched 2", "fetched 3", "fetched 4", "fetched 5");
        assertThat(pages.mostInFlight).hasValue(1);
    }

    @Test
    void fetchesTheNextPageWhileTheCurrentOneIsHandedOver() throws InterruptedException {
        CountDownLatch secondCallStarted = new CountDownLatch(1);
        boolean[] overlapped = {false};

        PageAhead.read(() -> 1, page -> page == 2 ? null : () -> {
            secondCallStarted.countDown();
            return 2;
        }, page -> {
            if (page == 1) {
                // sequential paging would only start the second call after this returns: the wait would time out
                try {
                    overlapped[0] = secondCallStarted.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        assertThat(overlapped[0]).isTrue();
    }

    @Test
    void aFailedCallAheadSurfacesAfterThePageBeforeWasHandedOver() {
        RetryLater wait = new RetryLater(RetryLater.Reason.RATE_LIMITED, Duration.ofSeconds(30), "429");
        List<Integer> handed = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> PageAhead.read(() -> 1, page -> page == 1 ? () -> 2 : () -> {
            throw wait;
        }, handed::add)).isSameAs(wait);

        // pages 1 and 2 were handed over: a resumed read goes on from page 3's call, nothing is read twice
        assertThat(handed).containsExactly(1, 2);
    }

    @Test
    void aFailedHandOverEndsTheReadWithItsOwnFailure() {
        IllegalStateException staging = new IllegalStateException("staging failed");
        Pages pages = new Pages(5);
        List<Integer> handed = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> PageAhead.read(pages.call(1), pages::next, page -> {
            if (page == 2) {
                throw staging;
            }
            handed.add(page);
        })).isSameAs(staging);

        assertThat(handed).containsExactly(1);
        assertThat(pages.events).doesNotContain("fetched 4", "fetched 5");
    }

    @Test
    void aSinglePageMakesOneCall() {
        Pages pages = new Pages(1);
        List<Integer> handed = new CopyOnWriteArrayList<>();

        PageAhead.read(pages.call(1), pages::next, handed::add);

        assertThat(handed).containsExactly(1);
        assertThat(pages.events).containsExactly("fetched 1");
    }
}
