package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/** The customer reconfirmed the consent: its end moved from {@code previousExpiresAt} to the record's. */
public record ConsentReconfirmed(ClientId clientId, CompanyReference company, Consent consent, Instant at,
        Instant previousExpiresAt, ConsentChannel via) implements ConsentEvent {}
