package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.platform.crypto.SecretSealer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Platform tokens, sealed with AES-GCM before they reach the database and bound to their
 * connection. Only this class reads or writes them; other modules go through ConnectionCredentials.
 */
@Repository
class TokenVault {

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final Clock clock;

    TokenVault(JdbcClient jdbc, SecretSealer sealer, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
    }

    void store(UUID clientId, UUID connectionId, PlatformTokens tokens, boolean refreshed) {
        jdbc.sql("insert into connection_token (connection_id, client_id, access_token_sealed, refresh_token_sealed,"
                        + " scope, expires_utc, key_id, refreshed_count, updated_utc, refresh_expires_utc,"
                        + " authorized_utc) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"
                        + " on conflict (connection_id) do update set access_token_sealed = excluded.access_token_sealed,"
                        + " refresh_token_sealed = excluded.refresh_token_sealed, scope = excluded.scope,"
                        + " expires_utc = excluded.expires_utc, key_id = excluded.key_id,"
                        + " refreshed_count = connection_token.refreshed_count + ?, updated_utc = excluded.updated_utc,"
                        // a refresh that kept the refresh token keeps its end too
                        + " refresh_expires_utc = coalesce(excluded.refresh_expires_utc,"
                        + " connection_token.refresh_expires_utc),"
                        // a refresh continues the authorization; a new code exchange (re-authorisation) starts one
                        + " authorized_utc = coalesce(excluded.authorized_utc, connection_token.authorized_utc)")
                .params(connectionId, clientId, sealer.seal(tokens.accessToken(), context(connectionId, "access")),
                        tokens.refreshToken() == null ? null
                                : sealer.seal(tokens.refreshToken(), context(connectionId, "refresh")),
                        tokens.scope(), tokens.expiresAt() == null ? null : Timestamp.from(tokens.expiresAt()),
                        sealer.activeKeyId(), Timestamp.from(clock.instant()),
                        tokens.refreshExpiresAt() == null ? null : Timestamp.from(tokens.refreshExpiresAt()),
                        tokens.authorizedAt() == null ? null : Timestamp.from(tokens.authorizedAt()),
                        refreshed ? 1 : 0)
                .update();
    }

    Optional<PlatformTokens> read(UUID connectionId) {
        return jdbc.sql("select access_token_sealed, refresh_token_sealed, scope, expires_utc, refresh_expires_utc,"
                        + " authorized_utc"
                        + " from connection_token"
                        + " where connection_id = ?")
                .param(connectionId).query((rs, i) -> open(connectionId, rs)).optional();
    }

    /** Reads and locks the row until the transaction ends: the single-flight guard for refreshes. */
    Optional<PlatformTokens> readForUpdate(UUID connectionId) {
        return jdbc.sql("select access_token_sealed, refresh_token_sealed, scope, expires_utc, refresh_expires_utc,"
                        + " authorized_utc"
                        + " from connection_token"
                        + " where connection_id = ? for update")
                .param(connectionId).query((rs, i) -> open(connectionId, rs)).optional();
    }

    void delete(UUID connectionId) {
        jdbc.sql("delete from connection_token where connection_id = ?").param(connectionId).update();
    }

    /** Connections whose tokens are sealed with a key other than the active one. */
    List<UUID> sealedWithOldKey(int limit) {
        return jdbc.sql("select connection_id from connection_token where key_id <> ? limit ?")
                .params(sealer.activeKeyId(), limit).query(UUID.class).list();
    }

    /** Re-seals one connection's tokens with the active key, under the row lock; false if another holds it. */
    boolean reseal(UUID connectionId) {
        return jdbc.sql("select client_id from connection_token where connection_id = ? and key_id <> ? for update skip locked")
                .params(connectionId, sealer.activeKeyId()).query(UUID.class).optional()
                .flatMap(clientId -> read(connectionId)).map(tokens -> jdbc.sql(
                                "update connection_token set access_token_sealed = ?, refresh_token_sealed = ?,"
                                        + " key_id = ? where connection_id = ?")
                        .params(sealer.seal(tokens.accessToken(), context(connectionId, "access")),
                                tokens.refreshToken() == null ? null
                                        : sealer.seal(tokens.refreshToken(), context(connectionId, "refresh")),
                                sealer.activeKeyId(), connectionId)
                        .update() == 1)
                .orElse(false);
    }

    private PlatformTokens open(UUID connectionId, ResultSet rs) throws SQLException {
        String refresh = rs.getString(2);
        Timestamp expires = rs.getTimestamp(4);
        Timestamp refreshExpires = rs.getTimestamp(5);
        Timestamp authorized = rs.getTimestamp(6);
        return new PlatformTokens(sealer.open(rs.getString(1), context(connectionId, "access")),
                refresh == null ? null : sealer.open(refresh, context(connectionId, "refresh")), rs.getString(3),
                expires == null ? null : expires.toInstant(), refreshExpires == null ? null : refreshExpires.toInstant(),
                authorized == null ? null : authorized.toInstant());
    }

    /** The associated data a token is sealed with: its connection and kind, so a sealed value cannot be moved. */
    static String context(UUID connectionId, String kind) {
        return "connection-token:" + connectionId + ":" + kind;
    }
}
