package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentStatus;
import java.time.Instant;
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
}
