package dev.bridgekeeper.consent;

import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.List;

/**
 * What a customer agreed to, as the consent module hands it to other modules: for which product (null: a company
 * without products), source type, connections (none listed: every connection of the source type) and data types,
 * the exact text shown with its SHA-256 (hex), its version and locale when it is a product's configured wording,
 * when and through which channel, who granted it, until when, and what became of it. Shaped after FDX's
 * ConsentGrant; {@link ConsentRecord} is its wire form.
 */
public record Consent(
        ConsentId id,
        CompanyId companyId,
        String productIdentifier,
        String sourceType,
        List<ConnectionId> connectionIds,
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
        ConsentId supersededBy,
        List<Reconfirmation> reconfirmations) {

    /** One reconfirmation: the consent's end moved from {@code previousExpiresAt} to {@code expiresAt}. */
    public record Reconfirmation(Instant reconfirmedAt, Instant previousExpiresAt, Instant expiresAt,
            ConsentChannel channel) {}

    /** Covers the connection: it is listed, or none is listed and the source type matches. */
    public boolean covers(ConnectionId connectionId, String connectionSourceType) {
        return connectionIds.isEmpty() ? sourceType.equalsIgnoreCase(String.valueOf(connectionSourceType))
                : connectionIds.contains(connectionId);
    }
}
