package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/** A consent was withdrawn by the lender or the customer; the record is as it is after the revocation. */
public record ConsentRevoked(ClientId clientId, CompanyReference company, ConsentRecord consent, Instant at)
        implements ConsentEvent {}
