package dev.bridgekeeper.connector.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rate limits every instance shares through PostgreSQL (tables of V13). Each call is its own short transaction
 * (REQUIRES_NEW), never part of a caller's long one, so no lock outlives the call that took it.
 *
 * <ul>
 *   <li>windows: a sliding log per limit key, exact for a vendor's rolling window (a token bucket can let twice the
 *       limit through within one window); {@code rate_acquire} takes a permit of every key at once or says how long
 *       to wait; a permit counts from when its call was answered (V21), the latest the vendor can have counted it;</li>
 *   <li>in flight: leased slots per key, claimed with SKIP LOCKED; a crashed holder's lease runs out;</li>
 *   <li>vendor waits: a 429's Retry-After blocks the key for every instance until it passes.</li>
 * </ul>
 */
@Component
class RateLimiter {

    /** A permit request: one key per limit, with its permits and window. */
    record Window(String key, int permits, Duration window) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final String holder = "bk-" + UUID.randomUUID();
    private final Set<String> slotsCreated = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> budgetWritten = new ConcurrentHashMap<>();

    RateLimiter(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Takes a permit of every window for the call {@code call}, or takes none and answers how long to wait (zero:
     * granted). The permits count from now until {@link #answered} moves them to when the call was answered.
     */
    Duration acquire(List<Window> windows, List<String> blockKeys, Duration margin, UUID call) {
        String[] keys = windows.stream().map(Window::key).toArray(String[]::new);
        Integer[] permits = windows.stream().map(Window::permits).toArray(Integer[]::new);
        Long[] spans = windows.stream().map(w -> w.window().toMillis()).toArray(Long[]::new);
        Long waitMs = own.execute(status -> jdbc.sql("select rate_acquire(cast(? as text[]), cast(? as integer[]),"
                        + " cast(? as bigint[]), cast(? as text[]), ?, ?)")
                .params(keys, permits, spans, blockKeys.toArray(String[]::new), margin.toMillis(), call)
                .query(Long.class).single());
        return Duration.ofMillis(waitMs == null ? 0 : waitMs);
    }

    /**
     * The call holding {@code call}'s permits has been answered (or has failed): its permits count from now, the
     * latest moment the vendor can have counted it. A permit its window already forgot (a call longer than the
     * window) is taken again, so the call still counts.
     */
    void answered(UUID call, List<Window> windows) {
        String[] keys = windows.stream().map(Window::key).toArray(String[]::new);
        own.executeWithoutResult(status -> jdbc.sql("with moved as (update rate_permit set granted_at ="
                        + " greatest(granted_at, clock_timestamp()) where call_id = ? returning limit_key)"
                        + " insert into rate_permit (limit_key, granted_at, call_id) select k, clock_timestamp(), ?"
                        + " from unnest(cast(? as text[])) k where k not in (select limit_key from moved)")
                .params(call, call, keys).update());
    }

    /** Claims a free in-flight slot of {@code key} for up to {@code lease}; empty when all are taken. */
    java.util.Optional<Integer> claimSlot(String key, int slots, Duration lease) {
        if (slotsCreated.add(key + "#" + slots)) {
            own.executeWithoutResult(status -> jdbc.sql("insert into rate_slot (limit_key, slot)"
                    + " select ?, g from generate_series(0, ? - 1) g on conflict do nothing").params(key, slots).update());
        }
        return own.execute(status -> jdbc.sql("update rate_slot set holder = ?, lease_until = clock_timestamp()"
                        + " + make_interval(secs => ? / 1000.0) where (limit_key, slot) = (select limit_key, slot"
                        + " from rate_slot where limit_key = ? and slot < ? and (lease_until is null"
                        + " or lease_until < clock_timestamp()) order by slot limit 1 for update skip locked)"
                        + " returning slot")
                .params(holder, lease.toMillis(), key, slots).query(Integer.class).optional());
    }

    /** Gives the slot back; it is free again {@code delay} later (the vendor has seen the call end by then). */
    void releaseSlot(String key, int slot, Duration delay) {
        own.executeWithoutResult(status -> jdbc.sql("update rate_slot set holder = null, lease_until ="
                        + " clock_timestamp() + make_interval(secs => ? / 1000.0) where limit_key = ? and slot = ?"
                        + " and holder = ?")
                .params(delay.toMillis(), key, slot, holder).update());
    }

    /** Every instance waits until {@code until} before calling under {@code key} again. */
    void block(String key, Instant until, String reason) {
        own.executeWithoutResult(status -> jdbc.sql("insert into rate_block (limit_key, until_utc, reason)"
                        + " values (?, ?, ?) on conflict (limit_key) do update set until_utc ="
                        + " greatest(rate_block.until_utc, excluded.until_utc), reason = excluded.reason")
                .params(key, Timestamp.from(until), reason).update());
    }

    /** Records what the vendor says is left of a budget; at most once a second per key. */
    void budget(String key, long remaining) {
        Instant now = Instant.now();
        Instant last = budgetWritten.get(key);
        if (last != null && last.isAfter(now.minusSeconds(1))) {
            return;
        }
        budgetWritten.put(key, now);
        own.executeWithoutResult(status -> jdbc.sql("insert into rate_budget (limit_key, remaining, observed_utc)"
                        + " values (?, ?, clock_timestamp()) on conflict (limit_key) do update set"
                        + " remaining = excluded.remaining, observed_utc = excluded.observed_utc")
                .params(key, remaining).update());
    }
}
