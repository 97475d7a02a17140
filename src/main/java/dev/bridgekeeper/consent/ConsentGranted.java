package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/** A customer gave consent; the record is as written (Active). */
public record ConsentGranted(ClientId clientId, CompanyReference company, Consent consent, Instant at)
        implements ConsentEvent {}
