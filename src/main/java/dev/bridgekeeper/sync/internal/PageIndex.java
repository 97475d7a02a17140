package dev.bridgekeeper.sync.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * of the bounded LRU. Memory is bounded in bytes of ids kept (ids are stored end to end in one string).
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

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    PageIndex(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The entry for {@code key}, built by {@code build} when missing. Two requests may build the same entry at
     * once; both results are equal, the last one is kept.
     */
    Entry get(String key, Supplier<Entry> build) {
        synchronized (this) {
            Entry found = entries.get(key);
            if (found != null) {
                return found;
            }
        }
        Entry built = build.get();
        put(key, built);
        return built;
    }

    private synchronized void put(String key, Entry entry) {
        if (entry.weight() > maxBytes) {
            return; // larger than the whole budget: served, not kept
        }
        Entry previous = entries.put(key, entry);
        bytes += entry.weight() - (previous == null ? 0 : previous.weight());
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            bytes -= e.getValue().weight();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
