package dev.bridgekeeper.connector;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.util.Set;

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

    /**
     * The data types whose reads were requested together with this one for the same connection, this one's included
     * (one sync of several data types). A platform that answers one call for several data types may ask once for all
     * of them, with {@link PlatformHttp#sharingAnswers()}, so the other reads take the same answer; empty when not
     * known.
     */
    default Set<String> requestedTogether() {
        return Set.of();
    }
}
