package dev.bridgekeeper.link;

import dev.bridgekeeper.platform.crypto.Digests;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The consent texts customers accepted in Link, kept word for word with their SHA-256. */
@Component
class LinkConsents {

    record Recorded(UUID id, String textSha256, Instant acceptedUtc) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    LinkConsents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Recorded record(UUID clientId, UUID companyId, UUID connectionId, String sourceType, String text,
            String acceptedBy) {
        UUID id = UUID.randomUUID();
        byte[] digest = Digests.sha256(text);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("""
                insert into link_consent (id, client_id, company_id, connection_id, source_type, consent_text,
                                          text_sha256, accepted_by, accepted_utc)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, clientId, companyId, connectionId, sourceType, text, digest, acceptedBy, Timestamp.from(now));
        return new Recorded(id, HexFormat.of().formatHex(digest), now);
    }
}
