package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/** The consent ends within its product's reminder lead time; the customer should reconfirm it. */
public record ConsentExpiring(ClientId clientId, CompanyReference company, Consent consent, Instant at)
        implements ConsentEvent {}
