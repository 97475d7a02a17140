package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/** A newer consent for the same product, source type and connections replaced this one ({@code supersededBy}). */
public record ConsentSuperseded(ClientId clientId, CompanyReference company, Consent consent, Instant at)
        implements ConsentEvent {}
