package dev.bridgekeeper.platform.throttle;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address deadlines kept in this instance's memory (an address blocked until, or trusted until), bounded so a
 * flood of addresses cannot grow it without end: past the bound, lapsed entries are dropped, and if that is not
 * enough the whole map is (the next request of each address asks PostgreSQL again).
 */
final class LocalDeadlines {

    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();
    private final int bound;

    LocalDeadlines(int bound) {
        this.bound = bound;
    }

    /** Nanoseconds left for the address, or 0 when it has none (or it lapsed). */
    long remaining(String address) {
        Long deadline = until.get(address);
        if (deadline == null) {
            return 0;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            until.remove(address, deadline);
            return 0;
        }
        return left;
    }

    void set(String address, long nanos) {
        if (until.size() >= bound) {
            long now = System.nanoTime();
            until.values().removeIf(deadline -> deadline - now <= 0);
            if (until.size() >= bound) {
                until.clear();
            }
        }
        until.put(address, System.nanoTime() + nanos);
    }

    void clear(String address) {
        until.remove(address);
    }
}
