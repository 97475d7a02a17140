package dev.bridgekeeper.consent;

import java.util.List;
import java.util.UUID;

/**
 * Front door to consent records for other modules. Every record is written with its
 * {@link ConsentEvents.ConsentGranted} in the caller's transaction.
 */
public interface ConsentRecords {

    /**
     * The customer accepted a consent screen in the Link UI before connecting a platform of {@code sourceType}.
     * Records one consent per product of the company that uses the source type (with that product's data
     * types), or one without a product when the company has none. The text is stored exactly as sent.
     */
    List<ConsentRecord> acceptInLink(UUID clientId, UUID companyId, UUID connectionId, String sourceType,
            String text, String grantedBy, String ipAddress, String userAgent);

    List<ConsentRecord> list(UUID clientId, UUID companyId);
}
