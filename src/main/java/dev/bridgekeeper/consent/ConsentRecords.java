package dev.bridgekeeper.consent;

import java.util.List;
import java.util.UUID;

/**
 * Front door to consent records for other modules. Every record is written with its
 * {@link ConsentEvents.ConsentGranted} in the caller's transaction.
 */
public interface ConsentRecords {

    /**
     * What the customer accepted on the Link UI's consent screen, before connecting a platform of
     * {@code sourceType}: the text exactly as shown, the version and locale of the wording when the page knows
     * them, and the channel ({@code Link} or {@code HostedLink}).
     */
    record LinkAcceptance(UUID connectionId, String sourceType, String text, String textVersion, String locale,
            ConsentChannel channel, String grantedBy, String ipAddress, String userAgent) {}

    /**
     * Records one consent per product of the company that uses the source type (with that product's data
     * types), or one without a product when the company has none.
     */
    List<ConsentRecord> acceptInLink(UUID clientId, UUID companyId, LinkAcceptance acceptance);

    List<ConsentRecord> list(UUID clientId, UUID companyId);
}
