package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.GrantContext;
import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.integration.AppCredentials;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.util.Map;

/**
 * One authorisation in progress, as its connector's adapter sees it: the integration, the app, the tokens the code
 * exchange answered and the callback's other parameters.
 */
record GrantSession(Integration integration, IntegrationSettings settings, AppCredentials app, Connector connector,
        PlatformTokens tokens, Map<String, String> callbackParameters, PlatformHttp http) implements GrantContext {

    /** HTTP carrying the new access token, metered only against the app (no organisation is known yet). */
    static PlatformHttp httpFor(dev.bridgekeeper.connector.Connectors connectors, Integration integration,
            AppCredentials app, PlatformTokens tokens) {
        return connectors.http(new HttpBinding(integration, app.clientId(), null, new HttpBinding.BearerToken() {
            @Override
            public String current() {
                return tokens.accessToken();
            }

            @Override
            public String renewAfterRejection(String rejected) {
                return tokens.accessToken(); // a brand-new token: nothing fresher to ask for
            }
        }, false));
    }

    @Override
    public String accessToken() {
        return tokens.accessToken();
    }

    @Override
    public String toString() {
        return "GrantSession[" + integration.key() + "]";
    }
}
