package dev.bridgekeeper.support;

import dev.bridgekeeper.platform.security.ApiKeyDigest;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** A client (tenant) of its own for one test, written straight into the database as an operator would. */
public record Tenant(UUID clientId, Api api) {

    public static Tenant create(JdbcTemplate jdbc, int port, String name) {
        UUID clientId = UUID.randomUUID();
        String key = "it-" + UUID.randomUUID();
        jdbc.update("insert into client (id, name) values (?, ?)", clientId, name);
        jdbc.update("insert into profile (client_id, name) values (?, ?)", clientId, name);
        jdbc.update("insert into api_key (id, client_id, name, key_digest, created_utc) values (?, ?, ?, ?, now())",
                UUID.randomUUID(), clientId, name + " key", ApiKeyDigest.of(key));
        return new Tenant(clientId, Api.at(port).withApiKey(key));
    }
}
