package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.jobs.RecurringJob;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes the sandbox's authorization rows once nothing in them can be used any more: every code and token they
 * hold has expired, and (for a flow that never got past sign-in or consent) they are older than
 * {@link #UNFINISHED_KEPT}. Spring Authorization Server never deletes them itself, so every abandoned sign-in
 * would otherwise stay for ever. Runs as the recurring job {@code sandbox-authorization-purge}.
 */
@Configuration(proxyBeanMethods = false)
@SandboxEnabled
class AuthorizationPurge {

    /** An authorization request waits at most this long for its sign-in and consent. */
    static final Duration UNFINISHED_KEPT = Duration.ofHours(1);
    private static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(AuthorizationPurge.class);

    @Bean
    RecurringJob sandboxAuthorizationPurgeJob(SandboxDatabase database, Clock clock,
            @Value("${bridgekeeper.sandbox.purge-interval:PT1H}") Duration interval) {
        return RecurringJob.every("sandbox-authorization-purge", interval, () -> purge(database, clock));
    }

    /** Deletes in batches, so a large backlog never holds one long transaction; returns how many rows went. */
    static int purge(SandboxDatabase database, Clock clock) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int total = 0;
        int deleted;
        do {
            // greatest() skips nulls: the latest expiry among the row's code and tokens, or its unfinished deadline
            deleted = database.jdbc().update("""
                    delete from oauth2_authorization where id in (
                        select id from oauth2_authorization
                        where greatest(authorization_code_expires_at, access_token_expires_at,
                                       refresh_token_expires_at, created_at + make_interval(secs => ?)) < ?
                        limit ?)""", UNFINISHED_KEPT.toSeconds(), now, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Purged {} expired sandbox authorizations", total);
        }
        return total;
    }
}
