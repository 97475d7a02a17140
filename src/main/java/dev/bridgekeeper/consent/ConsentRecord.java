package dev.bridgekeeper.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a customer agreed to, shaped after FDX's ConsentGrant and UK Open Banking's consents: for which
 * product, platform connections (none listed: every connection of the source type) and data types, the
 * exact text shown with its SHA-256, when and through which channel, until when, and what became of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRecord(
        String id,
        String companyId,
        String productIdentifier,
        String sourceType,
        List<String> connectionIds,
        List<String> dataTypes,
        String text,
        String textSha256,
        String textVersion,
        String locale,
        ConsentChannel channel,
        String grantedBy,
        String ipAddress,
        String userAgent,
        Instant grantedAt,
        Instant expiresAt,
        ConsentStatus status,
        Instant statusChangedAt,
        Instant revokedAt,
        String revokedBy,
        String revocationReason,
        String supersededBy,
        List<Reconfirmation> reconfirmations) {

    /** One reconfirmation: the record's end moved from {@code previousExpiresAt} to {@code expiresAt}. */
    public record Reconfirmation(Instant reconfirmedAt, Instant previousExpiresAt, Instant expiresAt,
            ConsentChannel channel) {}
}
