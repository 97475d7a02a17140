package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;

/**
 * Cached records of a data type on a connection were deleted because this (revoked) consent no longer covers
 * them: at once on request, or when the product's retention ended.
 */
public record ConsentDataDeleted(ClientId clientId, CompanyReference company, Consent consent, Instant at,
        ConnectionId connectionId, String dataType, int recordsDeleted) implements ConsentEvent {}
