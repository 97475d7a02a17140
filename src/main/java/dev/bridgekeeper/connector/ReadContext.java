package dev.bridgekeeper.connector;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;

/** What a reader reads with: HTTP bound to the connection, the organisation it is bound to, the settings. */
public interface ReadContext {

    /**
     * HTTP carrying the connection's access token (refreshed in its own transaction), metered against the
     * organisation's and the app's limits, with a whole-response deadline and a body size cap.
     */
    PlatformHttp http();

    /** The organisation the connection is bound to. */
    Organisation organisation();

    Integration integration();

    IntegrationSettings settings();
}
