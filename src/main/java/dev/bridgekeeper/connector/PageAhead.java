package dev.bridgekeeper.connector;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads pages whose next call is known only from the page before (Xero's journal offsets, QuickBooks' positions):
 * the next page is fetched on another thread while the current one is mapped and handed to the sink, so a long
 * read takes about the longer of the vendor's answers and Bridgekeeper's own work per page, not their sum. One
 * call of a read is in flight at a time, as without it, so the vendor's concurrency limits see nothing new.
 * <p>
 * A failure of the call ahead (a {@link RetryLater}, a {@link ReadFailure}) surfaces after the page before it was
 * handed over, which is exactly where a resumed read goes on. When every helper thread is busy the call runs on
 * the reading thread instead, i.e. sequentially: never queued behind other reads.
 */
public final class PageAhead {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * Shared by every read of the instance. Threads end after 30 s idle and never keep the JVM alive, so nothing has
     * to shut it down; the bound keeps a burst of reads from starting more threads than the job workers could use.
     */
    private static final ThreadPoolExecutor CALLS = new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "page-ahead-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    private PageAhead() {}

    /**
     * Fetches {@code first}, then until {@code next} answers null: starts the call {@code next} names for the page
     * just fetched, hands that page to {@code handOver} meanwhile, and waits for the call.
     *
     * @param first    the first page's call
     * @param next     the call of the page after a fetched page, or null when that page was the last; runs on the
     *                 reading thread and must be quick (it only looks at the page)
     * @param handOver maps a page and gives it to the sink
     */
    public static <P> void read(Supplier<P> first, Function<P, Supplier<P>> next, Consumer<P> handOver) {
        P page = first.get();
        while (true) {
            Supplier<P> call = next.apply(page);
            CompletableFuture<P> ahead = call == null ? null : CompletableFuture.supplyAsync(call, CALLS);
            handOver.accept(page);
            if (ahead == null) {
                return;
            }
            page = await(ahead);
        }
    }

    private static <P> P await(CompletableFuture<P> ahead) {
        try {
            return ahead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
