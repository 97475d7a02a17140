package dev.bridgekeeper.integration;

import dev.bridgekeeper.platform.ids.ClientId;
import java.util.List;
import java.util.Optional;

/**
 * Front door to the platform catalog: the integrations this instance can connect to, what the deployment configured
 * for each, and the app credentials a client links with.
 */
public interface IntegrationCatalog {

    /** Every platform that is switched on, in catalog order. */
    List<Integration> all();

    Optional<Integration> find(String platformKey);

    /** The platform, or a 404 answer naming the unknown key. */
    Integration require(String platformKey);

    /** URLs, rate-limit overrides and options of the platform (configuration over catalog). */
    IntegrationSettings settings(String platformKey);

    /** The app credentials {@code client} links the platform with; empty when none are set anywhere. */
    Optional<AppCredentials> credentials(ClientId client, String platformKey);

    /**
     * Why {@code client} cannot link the platform, naming the setting to fill in (e.g. "Set
     * bridgekeeper.integrations.gbol.client-id ..."); empty when it can.
     */
    Optional<String> unavailableReason(ClientId client, String platformKey);
}
