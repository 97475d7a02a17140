package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.platform.crypto.Digests;
import dev.bridgekeeper.platform.crypto.SecretSealer;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sign-in that granted several organisations, waiting for the customer to pick one: keyed by 256 random bits of
 * which only the SHA-256 is stored, usable once (an atomic update), short-lived. The token is the capability the
 * choice form carries, so the form needs no cookie and no other CSRF token. The tokens wait sealed.
 */
@Repository
class OrganisationChoices {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<List<Organisation>> ORGANISATIONS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};

    /** What a choice resumes. */
    record Pending(UUID clientId, UUID companyId, UUID connectionId, PlatformTokens tokens,
            List<Organisation> organisations, Map<String, String> redirectParams) {

        @Override
        public String toString() {
            return "Pending[connection=" + connectionId + "]";
        }
    }

    /** The outcome of presenting a choice token. */
    record Taken(Pending pending, AuthorizationStates.Failure failure) {}

    private record SealedTokens(String accessToken, String refreshToken, String scope, Instant expiresAt,
            Instant refreshExpiresAt, Instant authorizedAt) {}

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final JsonMapper json;
    private final Clock clock;

    OrganisationChoices(JdbcClient jdbc, SecretSealer sealer, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.json = json;
        this.clock = clock;
    }

    String create(Pending pending, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        PlatformTokens t = pending.tokens();
        String sealed = sealer.seal(json.writeValueAsString(new SealedTokens(t.accessToken(), t.refreshToken(),
                t.scope(), t.expiresAt(), t.refreshExpiresAt(), t.authorizedAt())), context(pending.connectionId()));
        Instant now = clock.instant();
        jdbc.sql("insert into oauth_organisation_choice (choice_digest, client_id, company_id, connection_id,"
                        + " tokens_sealed, organisations, redirect_params, created_utc, expires_utc)"
                        + " values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)")
                .params(Digests.sha256(token), pending.clientId(), pending.companyId(), pending.connectionId(), sealed,
                        json.writeValueAsString(pending.organisations()),
                        json.writeValueAsString(pending.redirectParams()), Timestamp.from(now),
                        Timestamp.from(now.plus(lifetime)))
                .update();
        return token;
    }

    /** The organisations a choice offers, without using it up (to show the page again); empty when unusable. */
    java.util.Optional<List<Organisation>> offered(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("select organisations::text from oauth_organisation_choice where choice_digest = ?"
                        + " and used_utc is null and expires_utc > ?")
                .params(Digests.sha256(token), Timestamp.from(clock.instant()))
                .query((rs, i) -> json.readValue(rs.getString(1), ORGANISATIONS)).optional();
    }

    /** Uses the choice up and returns what it resumes; a second use, an expired or unknown token is refused. */
    Taken take(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return new Taken(null, AuthorizationStates.Failure.UNKNOWN);
        }
        byte[] digest = Digests.sha256(token);
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("update oauth_organisation_choice set used_utc = ? where choice_digest = ? and used_utc is null"
                        + " returning client_id, company_id, connection_id, tokens_sealed, organisations::text,"
                        + " redirect_params::text, expires_utc")
                .params(now, digest)
                .query((rs, i) -> {
                    if (!rs.getTimestamp(7).after(now)) {
                        return new Taken(null, AuthorizationStates.Failure.EXPIRED);
                    }
                    UUID connectionId = rs.getObject(3, UUID.class);
                    SealedTokens t = json.readValue(sealer.open(rs.getString(4), context(connectionId)),
                            SealedTokens.class);
                    return new Taken(new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            connectionId, new PlatformTokens(t.accessToken(), t.refreshToken(), t.scope(),
                                    t.expiresAt(), t.refreshExpiresAt(), t.authorizedAt()),
                            json.readValue(rs.getString(5), ORGANISATIONS), json.readValue(rs.getString(6), PARAMS)),
                            null);
                })
                .optional()
                .orElseGet(() -> new Taken(null, jdbc.sql("select count(*) from oauth_organisation_choice"
                        + " where choice_digest = ?").param(digest).query(Integer.class).single() > 0
                        ? AuthorizationStates.Failure.USED : AuthorizationStates.Failure.UNKNOWN));
    }

    int purgeExpired(Duration keep) {
        return jdbc.sql("delete from oauth_organisation_choice where expires_utc < ?")
                .param(Timestamp.from(clock.instant().minus(keep))).update();
    }

    private static String context(UUID connectionId) {
        return "organisation-choice:" + connectionId;
    }
}
