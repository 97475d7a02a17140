package dev.bridgekeeper.oauth;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;

/**
 * A connection's re-authorisation was refused because the customer signed in to a different organisation than the
 * one the connection is bound to. Published in the transaction that records the connection's error, so a listener
 * writing its own record (the consent audit log) commits with it.
 *
 * @param boundOrganisationId     the organisation the connection stays linked to
 * @param attemptedOrganisationId the organisation the customer signed in to
 */
public record ReauthorisationRefused(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
        String platformKey, String boundOrganisationId, String attemptedOrganisationId) {}
