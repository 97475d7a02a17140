package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.platform.crypto.SecretSealer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pending clean-ups at platforms ({@code platform_cleanup}): a gone connection's tokens, still sealed as they were in
 * the vault, kept until every clean-up step has succeeded at the platform.
 */
@Repository
class PlatformCleanups {

    /** One pending clean-up with its tokens opened: held in memory only while the job runs. */
    record Pending(UUID id, UUID clientId, UUID connectionId, String platformKey, PlatformTokens tokens,
            String connectionInfo, Set<String> stepsDone) {}

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final Clock clock;

    PlatformCleanups(JdbcClient jdbc, SecretSealer sealer, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
    }

    /**
     * Moves the connection's tokens out of the vault into a new pending clean-up, in the caller's transaction and
     * without opening them. Returns its id, or empty when the connection had no tokens.
     */
    Optional<UUID> moveFromVault(UUID connectionId, String platformKey, String connectionInfo) {
        UUID id = UUID.randomUUID();
        int moved = jdbc.sql("with gone as (delete from connection_token where connection_id = ? returning *)"
                        + " insert into platform_cleanup (id, client_id, connection_id, platform_key,"
                        + " access_token_sealed, refresh_token_sealed, key_id, connection_info, created_utc)"
                        + " select ?, client_id, connection_id, ?, access_token_sealed, refresh_token_sealed, key_id,"
                        + " cast(? as jsonb), ? from gone")
                .params(connectionId, id, platformKey, connectionInfo, Timestamp.from(clock.instant()))
                .update();
        return moved == 0 ? Optional.empty() : Optional.of(id);
    }

    Optional<Pending> find(UUID id) {
        return jdbc.sql("select id, client_id, connection_id, platform_key, access_token_sealed, refresh_token_sealed,"
                        + " connection_info::text as connection_info, steps_done from platform_cleanup where id = ?")
                .param(id).query((rs, i) -> pending(rs)).optional();
    }

    void stepDone(UUID id, String step) {
        jdbc.sql("update platform_cleanup set steps_done = array_append(steps_done, ?) where id = ?")
                .params(step, id).update();
    }

    /** Keeps tokens the platform rotated during a step, so a retry presents the current refresh token. */
    void replaceTokens(UUID id, UUID connectionId, PlatformTokens tokens) {
        jdbc.sql("update platform_cleanup set access_token_sealed = ?, refresh_token_sealed = ?, key_id = ? where id = ?")
                .params(sealer.seal(tokens.accessToken(), TokenVault.context(connectionId, "access")),
                        tokens.refreshToken() == null ? null
                                : sealer.seal(tokens.refreshToken(), TokenVault.context(connectionId, "refresh")),
                        sealer.activeKeyId(), id)
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from platform_cleanup where id = ?").param(id).update();
    }

    /** Re-seals up to {@code limit} clean-ups sealed with an older key; rows being worked on are left for later. */
    @Transactional
    int resealOldKeys(int limit) {
        List<UUID> ids = jdbc.sql("select id from platform_cleanup where key_id <> ? limit ? for update skip locked")
                .params(sealer.activeKeyId(), limit).query(UUID.class).list();
        for (UUID id : ids) {
            find(id).ifPresent(pending -> jdbc.sql("update platform_cleanup set access_token_sealed = ?,"
                            + " refresh_token_sealed = ?, key_id = ? where id = ?")
                    .params(sealer.seal(pending.tokens().accessToken(),
                                    TokenVault.context(pending.connectionId(), "access")),
                            pending.tokens().refreshToken() == null ? null
                                    : sealer.seal(pending.tokens().refreshToken(),
                                            TokenVault.context(pending.connectionId(), "refresh")),
                            sealer.activeKeyId(), id)
                    .update());
        }
        return ids.size();
    }

    private Pending pending(ResultSet rs) throws SQLException {
        UUID connectionId = rs.getObject("connection_id", UUID.class);
        String refresh = rs.getString("refresh_token_sealed");
        PlatformTokens tokens = new PlatformTokens(
                sealer.open(rs.getString("access_token_sealed"), TokenVault.context(connectionId, "access")),
                refresh == null ? null : sealer.open(refresh, TokenVault.context(connectionId, "refresh")), null, null,
                null, null);
        Array steps = rs.getArray("steps_done");
        return new Pending(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class), connectionId,
                rs.getString("platform_key"), tokens, rs.getString("connection_info"), Set.copyOf(Arrays.asList((String[]) steps.getArray())));
    }
}
