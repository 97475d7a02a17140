package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * What happened to a consent record, published in the transaction that made it happen, with the company it
 * belongs to and the record as it was right after the change. The webhook module sends them as
 * {@code consent.*} events.
 */
public sealed interface ConsentEvent permits ConsentGranted, ConsentRevoked, ConsentExpiring, ConsentExpired {

    ClientId clientId();

    CompanyReference company();

    ConsentRecord consent();

    Instant at();
}
