package dev.bridgekeeper.webhook.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The running dispatchers (table {@code webhook_dispatcher}), each proving it is alive by a heartbeat, and the release
 * of the claims of those that stopped proving it: a killed instance's deliveries are sent again by the others once
 * its heartbeat is stale, not only when their lease runs out.
 */
@Repository
class DispatcherHeartbeats {

    private final JdbcClient jdbc;

    DispatcherHeartbeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes this dispatcher's heartbeat; creates its row if there is none (first beat, or declared dead meanwhile). */
    boolean beat(UUID dispatcher, Instant now) {
        int renewed = jdbc.sql("update webhook_dispatcher set heartbeat_utc = ? where id = ?")
                .params(Timestamp.from(now), dispatcher).update();
        if (renewed == 1) {
            return true;
        }
        jdbc.sql("insert into webhook_dispatcher (id, started_utc, heartbeat_utc) values (?, ?, ?)"
                        + " on conflict (id) do update set heartbeat_utc = excluded.heartbeat_utc")
                .params(dispatcher, Timestamp.from(now), Timestamp.from(now)).update();
        return false;
    }

    /**
     * Forgets the dispatchers whose last heartbeat is before {@code staleBefore} and makes every delivery still
     * claimed by a dispatcher without a live row due at {@code now}: its claim no longer counts against its
     * consumer, and the new next attempt fences the old claim off. Returns how many deliveries were released.
     */
    @Transactional
    int releaseDead(Instant now, Instant staleBefore) {
        jdbc.sql("delete from webhook_dispatcher where heartbeat_utc < ?").param(Timestamp.from(staleBefore)).update();
        // claimed_by is null on claims made before dispatchers had heartbeats: those wait for their lease
        return jdbc.sql("""
                update webhook_delivery d set next_attempt_utc = ?, claimed_until = null, claimed_by = null
                where d.claimed_until is not null and d.claimed_by is not null and d.status = 'Pending'
                  and not exists (select 1 from webhook_dispatcher w where w.id = d.claimed_by)
                """)
                .param(Timestamp.from(now)).update();
    }

    /** A dispatcher that stopped: its row goes, so whatever it left claimed is released by the others at once. */
    void remove(UUID dispatcher) {
        jdbc.sql("delete from webhook_dispatcher where id = ?").param(dispatcher).update();
    }
}
