package dev.bridgekeeper.integration.internal;

import dev.bridgekeeper.platform.crypto.SecretSealer;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A client's own app credentials for a platform ({@code integration_credentials}): the secret sealed with the
 * client and platform bound as associated data, so a ciphertext copied to another row does not open.
 */
@Repository
class CredentialStore {

    record Stored(String clientId, String clientSecret, List<String> scopes, String redirectUri,
            java.time.Instant updated) {

        @Override
        public String toString() {
            return "Stored[clientId=" + clientId + "]";
        }
    }

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final Clock clock;

    CredentialStore(JdbcClient jdbc, SecretSealer sealer, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
    }

    Optional<Stored> find(UUID client, String platformKey) {
        return jdbc.sql("select app_client_id, client_secret_sealed, scopes, redirect_uri, updated_utc"
                        + " from integration_credentials where client_id = ? and platform_key = ?")
                .params(client, platformKey)
                .query((rs, i) -> {
                    String sealed = rs.getString(2);
                    Array scopes = rs.getArray(3);
                    return new Stored(rs.getString(1), sealed == null ? null : sealer.open(sealed,
                            context(client, platformKey)),
                            scopes == null ? null : Arrays.asList((String[]) scopes.getArray()), rs.getString(4),
                            rs.getTimestamp(5).toInstant());
                }).optional();
    }

    /** Sets the client's credentials; a null secret keeps the one stored (so a client id can change alone). */
    void put(UUID client, String platformKey, String appClientId, String secret, List<String> scopes,
            String redirectUri) {
        String sealed = secret == null ? null : sealer.seal(secret, context(client, platformKey));
        jdbc.sql("insert into integration_credentials (client_id, platform_key, app_client_id, client_secret_sealed,"
                        + " scopes, redirect_uri, updated_utc) values (?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (client_id, platform_key) do update set app_client_id = excluded.app_client_id,"
                        + " client_secret_sealed = coalesce(excluded.client_secret_sealed,"
                        + " integration_credentials.client_secret_sealed), scopes = excluded.scopes,"
                        + " redirect_uri = excluded.redirect_uri, updated_utc = excluded.updated_utc")
                .params(client, platformKey, appClientId, sealed, scopes == null ? null : scopes.toArray(String[]::new),
                        redirectUri, Timestamp.from(clock.instant()))
                .update();
    }

    boolean delete(UUID client, String platformKey) {
        return jdbc.sql("delete from integration_credentials where client_id = ? and platform_key = ?")
                .params(client, platformKey).update() == 1;
    }

    private static String context(UUID client, String platformKey) {
        return "integration-credentials:" + client + ":" + platformKey;
    }
}
