package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * What happened to a consent record, published in the transaction that made it happen, with the company it
 * belongs to and the record as it was right after the change. The audit module appends each to the company's
 * chain from a synchronous listener, in that same transaction; the webhook module sends granted, revoked,
 * expiring and expired as {@code consent.*} events.
 */
public sealed interface ConsentEvent permits ConsentGranted, ConsentSuperseded, ConsentReconfirmed,
        ConsentRevoked, ConsentExpiring, ConsentExpired, ConsentDataDeleted {

    ClientId clientId();

    CompanyReference company();

    Consent consent();

    Instant at();
}
