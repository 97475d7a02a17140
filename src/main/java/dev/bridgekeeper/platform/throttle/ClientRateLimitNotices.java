package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.ids.ClientId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records that a client ran out of requests in a window, once for all instances (the row's primary key decides
 * which instance publishes {@link ClientRateLimitReached}), and, after such a window has ended, publishes
 * {@link ClientRateLimitReset} once (the row is marked in the same transaction, under a row lock).
 */
final class ClientRateLimitNotices {

    private static final Logger log = LoggerFactory.getLogger(ClientRateLimitNotices.class);
    private static final Duration KEEP_WINDOWS = Duration.ofDays(30);

    record Ended(UUID clientId, long quota, Instant windowStart, Instant windowEnd) {}


    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    // windows this instance has already recorded or seen recorded: later refusals in them cost no query
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ClientRateLimitNotices(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** The client has no requests left in this window; the first call for it, on any instance, publishes. */
    void reached(ClientId client, Instant start, Instant end, long quota) {
        String window = client.value() + "@" + start.toEpochMilli();
        if (known.contains(window)) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                int inserted = jdbc.sql("insert into client_rate_limit (client_id, window_start, window_end, quota,"
                                + " reached_utc) values (?, ?, ?, ?, ?) on conflict do nothing")
                        .params(client.value(), Timestamp.from(start), Timestamp.from(end), quota, Timestamp.from(now))
                        .update();
                if (inserted == 1) {
                    events.publishEvent(new ClientRateLimitReached(client, quota, 0, end, now));
                }
            });
            known.add(window);
        } catch (RuntimeException e) {
            // the request is refused all the same; the next refusal tries to record the window again
            log.warn("Could not record that client {} reached its rate limit: {}", client.value(), e.toString());
        }
    }

    /**
     * Publishes a reset for every recorded window that has ended and has had none, up to {@code batch}; rows
     * another instance is handling are skipped. The reset announces the next window from the row alone (same
     * length, same quota, all of it left), so whichever instance sends it says the same. Returns the windows
     * it handled.
     */
    int resetEnded(int batch) {
        Integer handled = transactions.execute(status -> {
            Instant now = clock.instant();
            var ended = jdbc.sql("""
                    update client_rate_limit r set reset_sent_utc = ?
                    from (select client_id, window_start from client_rate_limit
                          where reset_sent_utc is null and window_end <= ?
                          order by window_end limit ? for update skip locked) due
                    where r.client_id = due.client_id and r.window_start = due.window_start
                    returning r.client_id, r.quota, r.window_start, r.window_end
                    """)
                    .params(Timestamp.from(now), Timestamp.from(now), batch)
                    .query((rs, i) -> new Ended(rs.getObject(1, UUID.class), rs.getLong(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
                    .list();
            for (Ended window : ended) {
                Instant nextEnd = window.windowEnd().plus(Duration.between(window.windowStart(), window.windowEnd()));
                events.publishEvent(new ClientRateLimitReset(ClientId.of(window.clientId()), window.quota(),
                        window.quota(), nextEnd, now));
            }
            return ended.size();
        });
        return handled == null ? 0 : handled;
    }

    /** Forgets windows long past, and this instance's memory of ended ones. */
    void purgeOld() {
        Instant now = clock.instant();
        jdbc.sql("delete from client_rate_limit where window_end < ? and reset_sent_utc is not null")
                .param(Timestamp.from(now.minus(KEEP_WINDOWS))).update();
        known.clear();
    }
}
