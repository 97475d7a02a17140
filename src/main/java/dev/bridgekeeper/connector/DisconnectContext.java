package dev.bridgekeeper.connector;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;

/**
 * What an {@link AuthorizationAdapter} sees when a connection is unlinked or deleted: the organisation it was bound
 * to (null when it never was) and HTTP with its last tokens (refreshed first when the access token has expired).
 */
public interface DisconnectContext {

    Integration integration();

    IntegrationSettings settings();

    Organisation organisation();

    PlatformHttp http();
}
