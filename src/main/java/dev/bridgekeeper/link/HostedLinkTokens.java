package dev.bridgekeeper.link;

import dev.bridgekeeper.platform.crypto.Digests;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time Hosted Link tokens. Only the SHA-256 of a token is stored, so a database reader cannot
 * open anyone's journey; a token works once and only until it expires, so a forwarded or leaked
 * link is worth nothing after the customer has used it.
 */
@Component
class HostedLinkTokens {

    static final String PREFIX = "hlt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LinkProperties properties;

    HostedLinkTokens(JdbcClient jdbc, Clock clock, LinkProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    record Issued(String token, Instant expiresUtc, long expiresInSeconds) {}

    /** What a redemption found: the owner when it worked, otherwise why not. */
    record Redeemed(Outcome outcome, UUID clientId) {}

    enum Outcome { OK, UNKNOWN, USED, EXPIRED }

    @Transactional
    Issued issue(UUID clientId, UUID companyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(properties.hostedLinkTokenLifetime());
        jdbc.sql("insert into hosted_link_token (token_sha256, client_id, company_id, created_utc, expires_utc)"
                        + " values (?, ?, ?, ?, ?)")
                .params(Digests.sha256(token), clientId, companyId, Timestamp.from(now), Timestamp.from(expires))
                .update();
        // sweep long-dead tokens of this client so the table stays small without a scheduler
        jdbc.sql("delete from hosted_link_token where client_id = ? and expires_utc < ?")
                .params(clientId, Timestamp.from(now.minus(1, ChronoUnit.DAYS))).update();
        return new Issued(token, expires, properties.hostedLinkTokenLifetime().toSeconds());
    }

    /**
     * What redeeming the token would find, without using it up: opening the link (a GET, which mail scanners and
     * link previews also send) only looks; the customer's explicit step redeems it.
     */
    @Transactional(readOnly = true)
    Redeemed check(UUID companyId, String token) {
        return find(companyId, token, false);
    }

    /** Marks the token used if it is the company's, unused and unexpired; the row lock makes two tabs race safely. */
    @Transactional
    Redeemed redeem(UUID companyId, String token) {
        Redeemed found = find(companyId, token, true);
        if (found.outcome() == Outcome.OK) {
            jdbc.sql("update hosted_link_token set used_utc = ? where token_sha256 = ?")
                    .params(Timestamp.from(clock.instant()), Digests.sha256(token)).update();
        }
        return found;
    }

    private Redeemed find(UUID companyId, String token, boolean lock) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return new Redeemed(Outcome.UNKNOWN, null);
        }
        record Row(UUID clientId, Instant expires, Instant used) {}
        Row row = jdbc.sql("select client_id, expires_utc, used_utc from hosted_link_token"
                        + " where token_sha256 = ? and company_id = ?" + (lock ? " for update" : ""))
                .params(Digests.sha256(token), companyId)
                .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .optional().orElse(null);
        if (row == null) {
            return new Redeemed(Outcome.UNKNOWN, null);
        }
        if (row.used() != null) {
            return new Redeemed(Outcome.USED, row.clientId());
        }
        if (!row.expires().isAfter(clock.instant())) {
            return new Redeemed(Outcome.EXPIRED, row.clientId());
        }
        return new Redeemed(Outcome.OK, row.clientId());
    }
}
