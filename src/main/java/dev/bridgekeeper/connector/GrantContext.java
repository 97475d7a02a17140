package dev.bridgekeeper.connector;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.util.Map;

/**
 * What an {@link AuthorizationAdapter} sees right after the code exchange: the new access token, the parameters the
 * vendor added to the callback (QuickBooks' {@code realmId}), and HTTP that carries the token.
 */
public interface GrantContext {

    Integration integration();

    IntegrationSettings settings();

    String accessToken();

    /** Query parameters of the callback other than code and state. */
    Map<String, String> callbackParameters();

    /** HTTP with the new access token as bearer; not metered against an organisation's limits. */
    PlatformHttp http();
}
