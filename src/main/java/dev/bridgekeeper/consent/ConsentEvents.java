package dev.bridgekeeper.consent;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to consent records, published in the transaction that made it happen, each with the record as
 * it was right after the change. The webhook module sends them as {@code consent.*} events.
 */
public final class ConsentEvents {

    private ConsentEvents() {}

    public record ConsentGranted(UUID clientId, UUID companyId, ConsentRecord consent, Instant at) {}

    public record ConsentRevoked(UUID clientId, UUID companyId, ConsentRecord consent, Instant at) {}

    /** The consent ends within its product's reminder lead time; the customer should reconfirm it. */
    public record ConsentExpiring(UUID clientId, UUID companyId, ConsentRecord consent, Instant at) {}

    public record ConsentExpired(UUID clientId, UUID companyId, ConsentRecord consent, Instant at) {}
}
