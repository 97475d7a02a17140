package dev.bridgekeeper.connector.xero.emulator;

import java.util.Set;

/**
 * An app registered at the emulated Xero developer portal.
 *
 * @param clientSecret null for an "Auth Code with PKCE" app, which has no secret
 * @param redirectUris matched exactly (Xero allows no wildcards)
 * @param granularScopes true for apps created on or after 2 March 2026: the broad
 *     {@code accounting.transactions} and {@code accounting.reports.read} scopes are refused
 */
public record XeroApp(String name, String clientId, String clientSecret, Set<String> redirectUris,
        boolean granularScopes) {

    public XeroApp {
        redirectUris = Set.copyOf(redirectUris);
    }

    /** A web app (confidential client) created before the granular-scope cut-over. */
    public static XeroApp web(String clientId, String clientSecret, String redirectUri) {
        return new XeroApp("Bridgekeeper test app", clientId, clientSecret, Set.of(redirectUri), false);
    }

    public boolean isPkceApp() {
        return clientSecret == null;
    }

    public XeroApp withGranularScopes(boolean granular) {
        return new XeroApp(name, clientId, clientSecret, redirectUris, granular);
    }
}
