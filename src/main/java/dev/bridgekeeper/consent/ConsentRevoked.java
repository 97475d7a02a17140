package dev.bridgekeeper.consent;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.List;

/**
 * A consent was withdrawn by the lender or the customer; the record is as it is after the revocation.
 * {@code revokedVia} is the credential that asked ({@code ApiKey} or {@code CompanyToken}), whatever the record's
 * {@code revokedBy} says; {@code unlinkedConnections} lost their last consent with it and are unlinked.
 */
public record ConsentRevoked(ClientId clientId, CompanyReference company, Consent consent, Instant at,
        String revokedVia, boolean deleteDataNow, List<ConnectionId> unlinkedConnections) implements ConsentEvent {}
