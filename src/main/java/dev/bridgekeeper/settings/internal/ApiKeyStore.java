package dev.bridgekeeper.settings.internal;

import dev.bridgekeeper.platform.security.ApiKeyDigest;
import dev.bridgekeeper.platform.security.ApiKeyDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys, stored as SHA-256 digests only: a database dump never yields a usable key. */
@Repository
class ApiKeyStore implements ApiKeyDirectory {

    record StoredKey(UUID id, String name, Instant createdDate) {}

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UUID> clientForKeyDigest(byte[] sha256) {
        return jdbc.sql("select client_id from api_key where key_digest = ?").param(sha256).query(UUID.class)
                .optional();
    }

    List<StoredKey> list(UUID clientId) {
        return jdbc.sql("select id, name, created_utc from api_key where client_id = ? order by created_utc, id")
                .param(clientId)
                .query((rs, i) -> new StoredKey(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    void insert(UUID clientId, UUID id, String name, String apiKey, Instant created) {
        jdbc.sql("insert into api_key (id, client_id, name, key_digest, created_utc) values (?, ?, ?, ?, ?)")
                .params(id, clientId, name, ApiKeyDigest.of(apiKey), java.sql.Timestamp.from(created))
                .update();
    }

    int count(UUID clientId) {
        return jdbc.sql("select count(*) from api_key where client_id = ?").param(clientId).query(Integer.class)
                .single();
    }

    boolean exists(UUID clientId, UUID id) {
        return jdbc.sql("select count(*) from api_key where client_id = ? and id = ?").params(clientId, id)
                .query(Integer.class).single() > 0;
    }

    void delete(UUID clientId, UUID id) {
        jdbc.sql("delete from api_key where client_id = ? and id = ?").params(clientId, id).update();
    }

    /** Serialises key changes of one client, so two concurrent requests cannot break the limits. */
    void lockClient(UUID clientId) {
        jdbc.sql("select id from client where id = ? for update").param(clientId).query(UUID.class).optional();
    }
}
