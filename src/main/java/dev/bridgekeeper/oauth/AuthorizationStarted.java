package dev.bridgekeeper.oauth;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;

/**
 * The customer's browser followed a connection's linkUrl and is being sent to the platform's sign-in. Published in
 * the transaction that stores the authorization's state, so a listener's record commits with it (the Link funnel's
 * "sign-in started" comes from here, never from the browser).
 */
public record AuthorizationStarted(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
        String platformKey, String sourceType, Instant at) {}
