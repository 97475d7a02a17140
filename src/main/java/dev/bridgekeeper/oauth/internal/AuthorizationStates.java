package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.platform.crypto.SecretSealer;
import dev.bridgekeeper.platform.crypto.Digests;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code state} of each started authorization: 256 random bits, bound to one connection, valid
 * for a limited time and usable exactly once (consumed by an atomic update). Only its digest is stored.
 */
@Repository
class AuthorizationStates {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final JsonMapper json;
    private final Clock clock;

    AuthorizationStates(JdbcClient jdbc, SecretSealer sealer, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.json = json;
        this.clock = clock;
    }

    record Started(UUID clientId, UUID companyId, UUID connectionId, String codeVerifier,
            Map<String, String> redirectParams) {

        @Override
        public String toString() {
            return "Started[connection=" + connectionId + "]";
        }
    }

    enum Failure { UNKNOWN, USED, EXPIRED }

    /** The outcome of presenting a state: the authorization it started, or why it is refused. */
    record Consumed(Started started, Failure failure) {}

    String create(UUID clientId, UUID companyId, UUID connectionId, String codeVerifier,
            Map<String, String> redirectParams, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("insert into oauth_authorization_state (state_digest, client_id, company_id, connection_id,"
                        + " code_verifier_sealed, redirect_params, created_utc, expires_utc)"
                        + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)")
                .params(Digests.sha256(state), clientId, companyId, connectionId,
                        sealer.seal(codeVerifier, "pkce:" + connectionId), json.writeValueAsString(redirectParams),
                        Timestamp.from(now), Timestamp.from(now.plus(lifetime)))
                .update();
        return state;
    }

    /** Marks the state used and returns what it started; a second use, an expired or unknown state is refused. */
    Consumed consume(String state) {
        if (state == null || state.isEmpty() || state.length() > 200) {
            return new Consumed(null, Failure.UNKNOWN);
        }
        byte[] digest = Digests.sha256(state);
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("update oauth_authorization_state set used_utc = ? where state_digest = ? and used_utc is null"
                        + " returning client_id, company_id, connection_id, code_verifier_sealed,"
                        + " redirect_params::text, expires_utc")
                .params(now, digest)
                .query((rs, i) -> {
                    UUID connectionId = rs.getObject(3, UUID.class);
                    if (!rs.getTimestamp(6).after(now)) {
                        return new Consumed(null, Failure.EXPIRED);
                    }
                    return new Consumed(new Started(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            connectionId, sealer.open(rs.getString(4), "pkce:" + connectionId),
                            json.readValue(rs.getString(5), PARAMS)), null);
                })
                .optional()
                .orElseGet(() -> new Consumed(null, jdbc.sql("select count(*) from oauth_authorization_state"
                        + " where state_digest = ?").param(digest).query(Integer.class).single() > 0
                        ? Failure.USED : Failure.UNKNOWN));
    }

    /** Forgets states that can no longer be used. */
    int purgeExpired(Duration keep) {
        return jdbc.sql("delete from oauth_authorization_state where expires_utc < ?")
                .param(Timestamp.from(clock.instant().minus(keep))).update();
    }
}
