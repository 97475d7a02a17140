package dev.bridgekeeper.connector;

import dev.bridgekeeper.integration.Integration;

/**
 * Front door of the connector framework: the connector a catalog entry names, and HTTP to a platform bound to a
 * connection's app, organisation and token.
 */
public interface Connectors {

    /** The connector the integration's catalog entry names (checked at start-up, so always there). */
    Connector of(Integration integration);

    /** HTTP to the integration's platform as {@code binding} describes (see {@link PlatformHttp}). */
    PlatformHttp http(HttpBinding binding);
}
