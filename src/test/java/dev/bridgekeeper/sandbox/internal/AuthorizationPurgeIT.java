package dev.bridgekeeper.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.platform.jobs.RecurringJob;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sandbox's authorization rows go once nothing in them can be used: every code and token expired, or a flow
 * left unfinished for over an hour; a row with a token still valid stays, however old.
 */
@ApiIntegrationTest
class AuthorizationPurgeIT {

    @Autowired
    SandboxDatabase database;

    @Autowired
    Clock clock;

    @Autowired
    List<RecurringJob> jobs;

    @Test
    void expiredAndAbandonedAuthorizationsArePurgedAndLiveOnesKept() {
        Instant now = clock.instant();
        String expired = row(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40)),
                now.minus(Duration.ofDays(10)));
        String abandoned = row(now.minus(Duration.ofHours(2)), null, null);
        String refreshable = row(now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(20)),
                now.plus(Duration.ofDays(10)));
        String justStarted = row(now.minus(Duration.ofMinutes(5)), null, null);

        RecurringJob job = jobs.stream().filter(j -> j.name().equals("sandbox-authorization-purge")).findFirst()
                .orElseThrow();
        assertThat(job.interval()).isEqualTo(Duration.ofHours(1));
        job.work().run();

        List<String> left = database.jdbc().queryForList("select id from oauth2_authorization where id in (?, ?, ?, ?)",
                String.class, expired, abandoned, refreshable, justStarted);
        assertThat(left).containsExactlyInAnyOrder(refreshable, justStarted);
    }

    /** A row as Spring Authorization Server writes it, written at {@code created}, with the given expiries. */
    private String row(Instant created, Instant accessExpires, Instant refreshExpires) {
        String id = UUID.randomUUID().toString();
        database.jdbc().update("""
                insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
                    created_at, access_token_value, access_token_expires_at, refresh_token_value,
                    refresh_token_expires_at)
                values (?, 'sandbox-client-bridgekeeper', 'user_good', 'authorization_code', ?, ?, ?, ?, ?)""",
                id, Timestamp.from(created), accessExpires == null ? null : "a-" + id, ts(accessExpires),
                refreshExpires == null ? null : "r-" + id, ts(refreshExpires));
        return id;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
