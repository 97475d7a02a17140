package dev.bridgekeeper.sync.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers, per filtered listing of the cache and per version of the data behind it, how many records match
 * and the record id at every {@link #STEP}-th match in id order (an "anchor"). A page at any offset then starts
 * at the nearest anchor with {@code record_id >= anchor} and skips fewer than {@code STEP} rows, instead of
 * counting and skipping every match again on each request. Why: a listing of 100,000 matches out of a million
 * records otherwise costs a full scan per page.
 *
 * <p>Entries are only ever looked up under the data version they were built from (see
 * {@link RecordStore#version}), so a sync that changes the records makes the old entries unreachable; they age out
 * of the bounded LRU. Memory is bounded by the total number of anchors kept, not by the number of entries.
 */
final class PageIndex {

    /** Matches between two anchors: a page read skips at most this many rows. */
    static final int STEP = 100;

    /** How many matches in all, and the id of match 0, STEP, 2·STEP, … in id order. */
    record Entry(long total, List<String> anchors) {

        /** The anchor at or before {@code offset}; null when the offset is past the end. */
        String anchorFor(long offset) {
            int i = (int) (offset / STEP);
            return i < anchors.size() ? anchors.get(i) : null;
        }

        long weight() {
            return 1 + anchors.size();
        }
    }

    private final long maxAnchors;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long anchors;

    PageIndex(long maxAnchors) {
        this.maxAnchors = maxAnchors;
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
        if (entry.weight() > maxAnchors) {
            return; // larger than the whole budget: served, not kept
        }
        Entry previous = entries.put(key, entry);
        anchors += entry.weight() - (previous == null ? 0 : previous.weight());
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (anchors > maxAnchors && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            anchors -= e.getValue().weight();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
