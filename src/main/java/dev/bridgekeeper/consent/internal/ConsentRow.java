package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentId;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A consent_record row. */
record ConsentRow(UUID id, UUID clientId, UUID companyId, String product, String sourceType,
        List<UUID> connectionIds, List<String> dataTypes, String text, byte[] textSha256, String textVersion,
        String locale, ConsentChannel channel, String grantedBy, String ipAddress, String userAgent,
        Instant granted, Instant expires, Instant remind, Instant reminded, ConsentStatus status,
        Instant statusChanged, Instant revoked, String revokedBy, String revocationReason, UUID supersededBy) {

    /** Covers the connection: it is listed, or none is listed and the source type matches. */
    boolean covers(UUID connectionId, String connectionSourceType) {
        return connectionIds.isEmpty() ? sourceType.equalsIgnoreCase(String.valueOf(connectionSourceType))
                : connectionIds.contains(connectionId);
    }

    /** The row after a change of status at {@code now}, checked against the transition table. */
    ConsentRow changed(ConsentTransitions.Change change, Instant now, UUID successor) {
        ConsentStatus to = ConsentTransitions.apply(status, change);
        return new ConsentRow(id, clientId, companyId, product, sourceType, connectionIds, dataTypes, text,
                textSha256, textVersion, locale, channel, grantedBy, ipAddress, userAgent, granted, expires, remind,
                reminded, to, now, revoked, revokedBy, revocationReason, successor != null ? successor : supersededBy);
    }

    ConsentRow revokedBy(String by, String reason, Instant now) {
        ConsentRow row = changed(ConsentTransitions.Change.REVOKE, now, null);
        return new ConsentRow(id, clientId, companyId, product, sourceType, connectionIds, dataTypes, text,
                textSha256, textVersion, locale, channel, grantedBy, ipAddress, userAgent, granted, expires, remind,
                reminded, row.status(), now, now, by, reason, null);
    }

    ConsentRow extended(ConsentStatus to, Instant newEnd, Instant newRemind, Instant now) {
        return new ConsentRow(id, clientId, companyId, product, sourceType, connectionIds, dataTypes, text,
                textSha256, textVersion, locale, channel, grantedBy, ipAddress, userAgent, granted, newEnd, newRemind,
                null, to, to == status ? statusChanged : now, null, null, null, null);
    }

    ConsentRow remindedAt(Instant now) {
        return new ConsentRow(id, clientId, companyId, product, sourceType, connectionIds, dataTypes, text,
                textSha256, textVersion, locale, channel, grantedBy, ipAddress, userAgent, granted, expires, remind,
                now, status, statusChanged, revoked, revokedBy, revocationReason, supersededBy);
    }

    /** The row as the module hands it out, with its reconfirmations (read with it, not one by one). */
    Consent toConsent(List<Consent.Reconfirmation> reconfirmations) {
        return new Consent(ConsentId.of(id), CompanyId.of(companyId), product, sourceType,
                connectionIds.stream().map(ConnectionId::of).toList(), dataTypes, text,
                HexFormat.of().formatHex(textSha256), textVersion, locale, channel, grantedBy, ipAddress, userAgent,
                granted, expires, status, statusChanged, revoked, revokedBy, revocationReason,
                supersededBy == null ? null : ConsentId.of(supersededBy), List.copyOf(reconfirmations));
    }
}
