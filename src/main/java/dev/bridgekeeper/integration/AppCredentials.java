package dev.bridgekeeper.integration;

import java.util.List;

/**
 * The OAuth app Bridgekeeper authorises a platform as, for one client: from the client's own override
 * ({@code PUT /integrations/{platformKey}/credentials}) or else the deployment's configuration
 * ({@code bridgekeeper.integrations.<platformKey>.client-id}, ...) or else the catalog. The secret never reaches a
 * log line or an API answer.
 *
 * @param scopes      the scopes to ask for
 * @param redirectUri the registered redirect URI, or null for the default {@code {publicUrl}/oauth/callback}
 * @param source      {@code client}, {@code deployment} or {@code catalog}
 */
public record AppCredentials(String clientId, String clientSecret, List<String> scopes, String redirectUri,
        String source) {

    public AppCredentials {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "AppCredentials[clientId=" + clientId + ", source=" + source + ", secret=" + (clientSecret != null)
                + "]";
    }
}
