package dev.bridgekeeper.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.List;

/**
 * The wire form of a {@link Consent}, as {@code /companies/{companyId}/consents} serves it and the
 * {@code consent.*} webhooks carry it: ids as strings, absent values left out.
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

    /** The consent as the API and webhooks show it. */
    public static ConsentRecord of(Consent c) {
        return new ConsentRecord(c.id().toString(), c.companyId().toString(), c.productIdentifier(), c.sourceType(),
                c.connectionIds().stream().map(ConnectionId::toString).toList(), c.dataTypes(), c.text(),
                c.textSha256(), c.textVersion(), c.locale(), c.channel(), c.grantedBy(), c.ipAddress(),
                c.userAgent(), c.grantedAt(), c.expiresAt(), c.status(), c.statusChangedAt(), c.revokedAt(),
                c.revokedBy(), c.revocationReason(), c.supersededBy() == null ? null : c.supersededBy().toString(),
                c.reconfirmations().stream().map(r -> new Reconfirmation(r.reconfirmedAt(), r.previousExpiresAt(),
                        r.expiresAt(), r.channel())).toList());
    }
}
