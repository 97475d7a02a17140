package dev.bridgekeeper.connector.internal;

import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.RetryLater;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A short-lived, in-memory, single-flight memo of vendor GET answers, so that several data types read from one
 * vendor list (Xero's BankTransactions: bank transactions, direct costs and direct incomes) cost one read. Two
 * reads of one connection asking for the same page (method, URL with query, the headers that shape the answer)
 * within {@code ttl} get one vendor call: the second waits for the call in flight, or takes the kept answer. Only
 * 2xx answers are kept; a failed or abandoned call is not, and whoever waited for it makes its own. Bounded by
 * {@code maxBytes} in all, oldest first out. Nothing is persisted or shared between instances: a read on another
 * instance calls the vendor itself (correct, just not deduplicated). Entries of an unlinked or re-linked connection
 * are not cleared; they are never read again (the key holds the connection and organisation) and expire with the
 * TTL.
 */
final class SharedReads {

    /** What identifies one answer: the binding (connection, organisation, app) and the request as sent. */
    record Key(String binding, String method, String uri, List<String> headers) {

        /** Every header the caller set (tenant, If-Modified-Since, Accept, ...) except the bearer token's. */
        static Key of(String binding, HttpRequest request) {
            List<String> headers = new ArrayList<>();
            request.headers().map().forEach((name, values) -> {
                if (!"authorization".equalsIgnoreCase(name)) {
                    headers.add(name.toLowerCase(Locale.ROOT) + ":" + String.join(",", values));
                }
            });
            headers.sort(null);
            return new Key(binding, request.method(), request.uri().toString(), List.copyOf(headers));
        }
    }

    private static final class Entry {
        final CompletableFuture<PlatformResponse> answer = new CompletableFuture<>();
        final Instant started;
        Instant kept;
        long bytes;

        Entry(Instant started) {
            this.started = started;
        }
    }

    /** One asker's part in one answer: the kept answer, a wait for another's call, or the call to make. */
    final class Claim {

        private final Key key;
        private final Entry entry;
        private final boolean caller;

        private Claim(Key key, Entry entry, boolean caller) {
            this.key = key;
            this.entry = entry;
            this.caller = caller;
        }

        /** True: this asker makes the vendor call and must {@link #publish} or {@link #abandon} it. */
        boolean makesTheCall() {
            return caller;
        }

        /**
         * The answer another asker's call got (at once when it is kept); null when that call failed or was given
         * up, or took longer than a whole call may: the asker then calls itself.
         */
        PlatformResponse awaitAnswer() {
            try {
                return entry.answer.get(inFlightLimit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryLater(RetryLater.Reason.SERVER_ERROR, null, "Interrupted while waiting for another"
                        + " read's call to " + key.uri() + ".");
            }
        }

        /** The caller's answer: kept when it is a 2xx that fits, handed to everyone waiting for it either way. */
        void publish(PlatformResponse response) {
            boolean keep = response.ok() && size(response) <= maxBytes;
            synchronized (SharedReads.this) {
                if (entries.get(key) == entry) {
                    if (keep) {
                        entry.kept = clock.instant();
                        entry.bytes = size(response);
                        bytes += entry.bytes;
                        evictOldest();
                    } else {
                        entries.remove(key);
                    }
                }
            }
            entry.answer.complete(response.ok() ? response : null);
        }

        /** The call failed or was given up: nothing kept, everyone waiting calls themselves. */
        void abandon() {
            synchronized (SharedReads.this) {
                if (entries.get(key) == entry) {
                    entries.remove(key);
                }
            }
            entry.answer.complete(null);
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final long maxBytes;
    private final Duration inFlightLimit;
    /** In the order the answers were asked for: the first is the oldest. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();
    private long bytes;

    /**
     * @param inFlightLimit how long a call may take at most (deadline and inline rate wait): an asker waits no
     *                      longer for another's, and a call in flight for longer is taken as given up
     */
    SharedReads(Clock clock, Duration ttl, long maxBytes, Duration inFlightLimit) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.inFlightLimit = inFlightLimit;
    }

    /**
     * The asker's part in the answer to {@code key}: kept, in flight elsewhere, or its own call to make. An answer
     * whose call started before {@code freshFrom} is not taken (the asker wants data at least that new): the
     * asker's own call replaces it.
     */
    synchronized Claim claim(Key key, Instant freshFrom) {
        Instant now = clock.instant();
        // expired answers go as soon as anyone asks for anything, not only when their own page is asked for again
        entries.values().removeIf(e -> {
            boolean over = e.kept != null ? !now.isBefore(e.kept.plus(ttl))
                    : !now.isBefore(e.started.plus(inFlightLimit));
            if (over && e.kept != null) {
                bytes -= e.bytes;
            }
            return over;
        });
        Entry entry = entries.get(key);
        if (entry != null && !entry.started.isBefore(freshFrom)) {
            return new Claim(key, entry, false);
        }
        if (entry != null) { // too old for this asker: its call replaces the entry (the old call no longer publishes)
            entries.remove(key);
            if (entry.kept != null) {
                bytes -= entry.bytes;
            }
        }
        entry = new Entry(now);
        entries.put(key, entry);
        return new Claim(key, entry, true);
    }

    /** Bytes the kept answers hold. */
    synchronized long keptBytes() {
        return bytes;
    }

    private void evictOldest() {
        Iterator<Map.Entry<Key, Entry>> oldestFirst = entries.entrySet().iterator();
        while (bytes > maxBytes && oldestFirst.hasNext()) {
            Entry entry = oldestFirst.next().getValue();
            if (entry.kept != null) { // a call in flight holds nothing yet, and others may be waiting for it
                bytes -= entry.bytes;
                oldestFirst.remove();
            }
        }
    }

    private static long size(PlatformResponse response) {
        long size = response.body().length;
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            size += header.getKey().length();
            for (String value : header.getValue()) {
                size += value.length();
            }
        }
        return size;
    }
}
