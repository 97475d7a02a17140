package dev.bridgekeeper.sync.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Remembers, per filtered listing of the cache and per version of the data behind it, how many records match and
 * their ids in id order: all of them for a listing of one connection (a page is then fetched by its 100 ids,
 * however sparse the matches are among the records), or every {@link #STEP}-th ("anchors") for a company-wide
 * listing (a page starts at the nearest anchor and skips fewer than STEP matches). Why: a listing of 100,000
 * matches out of a million records otherwise costs a full count and scan per page.
 *
 * <p>Entries are only ever looked up under the data version they were built from (see
 * {@link RecordStore#version}), so a sync that changes the records makes the old entries unreachable; they age out
 * of the bounded LRU. Memory is bounded in bytes of everything kept (ids end to end in one string, a digest of the
 * key, and a fixed overhead per entry) and in the number of entries.
 */
final class PageIndex {

    /** Matches between two anchors of a company-wide listing. */
    static final int STEP = 100;

    /**
     * How many matches in all, and the ids of match 0, step, 2·step, … in id order, stored end to end in
     * {@code ids} with {@code starts[i]} where the i-th begins.
     */
    record Entry(long total, int step, String ids, int[] starts) {

        static Entry of(long total, int step, List<String> ids) {
            StringBuilder joined = new StringBuilder();
            int[] starts = new int[ids.size()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = joined.length();
                joined.append(ids.get(i));
            }
            return new Entry(total, step, joined.toString(), starts);
        }

        int size() {
            return starts.length;
        }

        /** The i-th id kept. */
        String id(int i) {
            int end = i + 1 < starts.length ? starts[i + 1] : ids.length();
            return ids.substring(starts[i], end);
        }

        /** The id kept at or before {@code offset}; null when the offset is past the end. */
        String anchorFor(long offset) {
            long i = offset / step;
            return i < starts.length ? id((int) i) : null;
        }

        /** Bytes held, roughly: the ids (Latin-1 text takes one byte a character), the offsets, the object. */
        long weight() {
            return 64 + ids.length() + 4L * starts.length;
        }
    }

    /**
     * What one kept entry costs besides its ids: the map node, the digest key and the entry object. Keys are the
     * listing's SQL and parameters, which a caller can make long, so they are kept as a fixed-size digest.
     */
    static final int ENTRY_OVERHEAD = 256;

    /** However small entries are, no more than this many are kept. */
    static final int MAX_ENTRIES = 20_000;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, CompletableFuture<Entry>> building = new HashMap<>();
    private long bytes;

    PageIndex(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The entry for {@code key}, built by {@code build} when missing. Requests for an entry that is being built
     * wait for that build instead of starting their own: a burst of reads of a new listing scans it once.
     */
    Entry get(String key, Supplier<Entry> build) {
        String digest = digest(key);
        CompletableFuture<Entry> pending;
        CompletableFuture<Entry> mine = null;
        synchronized (this) {
            Entry found = entries.get(digest);
            if (found != null) {
                return found;
            }
            pending = building.get(digest);
            if (pending == null) {
                mine = new CompletableFuture<>();
                building.put(digest, mine);
            }
        }
        if (mine == null) {
            return joined(pending);
        }
        try {
            Entry built = build.get();
            put(digest, built);
            mine.complete(built);
            return built;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                building.remove(digest);
            }
        }
    }

    private static Entry joined(CompletableFuture<Entry> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private synchronized void put(String digest, Entry entry) {
        long weight = weight(entry);
        if (weight > maxBytes) {
            return; // larger than the whole budget: served, not kept
        }
        Entry previous = entries.put(digest, entry);
        bytes += weight - (previous == null ? 0 : weight(previous));
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while ((bytes > maxBytes || entries.size() > MAX_ENTRIES) && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            if (e.getKey().equals(digest)) {
                continue;
            }
            bytes -= weight(e.getValue());
            eldest.remove();
        }
    }

    /** What keeping {@code entry} costs in the budget. */
    static long weight(Entry entry) {
        return ENTRY_OVERHEAD + entry.weight();
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** Bytes accounted for the entries kept, overheads included. */
    synchronized long bytes() {
        return bytes;
    }
}
