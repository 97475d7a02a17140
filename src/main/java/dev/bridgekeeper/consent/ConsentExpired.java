package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/** The consent's end came without a reconfirmation; the record is Expired. */
public record ConsentExpired(ClientId clientId, CompanyReference company, Consent consent, Instant at)
        implements ConsentEvent {}
