package dev.bridgekeeper.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For tests that hold a row lock in a transaction of their own and need another request to have queued behind it
 * before they go on: waits, without sleeping, until PostgreSQL shows a session waiting for a lock on a statement
 * like {@code queryLike}.
 */
public final class LockWaits {

    private LockWaits() {}

    /**
     * Waits up to 30 s for a session blocked on a lock whose statement is {@code LIKE queryLike} (PostgreSQL's text of
     * it, parameters as {@code $1}, {@code $2}). Asked from Awaitility's own thread, so on another pooled connection
     * than the caller's transaction: within a transaction PostgreSQL answers {@code pg_stat_activity} from a snapshot
     * taken at its first read.
     */
    public static void awaitBlockedOn(JdbcTemplate jdbc, String queryLike) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity"
                + " where wait_event_type = 'Lock' and query like ?", Long.class, queryLike) > 0);
    }
}
