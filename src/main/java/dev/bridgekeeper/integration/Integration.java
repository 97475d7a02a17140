package dev.bridgekeeper.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One platform of the catalog, as read from its yaml file and validated at start-up.
 *
 * @param key         Codat's four-letter platform key, e.g. {@code sbac}
 * @param sandbox     true for Bridgekeeper's own sandbox platforms (hidden when the sandbox is off)
 * @param auth        how a customer authorises access (URLs, scopes, client credentials)
 * @param dataTypes   data type name to the state of each feature, e.g. {@code invoices -> {Get: Release}}
 * @param dataApiUrl  base URL of the platform's data API, for platforms read by the generic paged reader
 *                    ({@code GET {dataApiUrl}/{dataType}?page&pageSize&modifiedSince}); null when there is none
 */
public record Integration(
        String key,
        String name,
        SourceType sourceType,
        UUID integrationId,
        UUID sourceId,
        boolean sandbox,
        boolean beta,
        boolean enabled,
        String dataProvidedBy,
        Auth auth,
        Map<String, Map<String, String>> dataTypes,
        Branding branding,
        String dataApiUrl) {

    /**
     * How the platform is authorised. Only {@code oauth2} (authorization code + PKCE) exists today.
     * {@code identityUrl}, when set, answers a bearer GET with a JSON object describing who
     * authorised (e.g. the organisation), kept as the connection's {@code connectionInfo}.
     */
    public record Auth(
            String mode,
            String authorizationUrl,
            String tokenUrl,
            String revocationUrl,
            String identityUrl,
            String tokenAuthMethod,
            List<String> scopes,
            String clientId,
            String clientSecret) {

        @Override
        public String toString() {
            // the client secret never reaches a log line
            return "Auth[mode=" + mode + ", authorizationUrl=" + authorizationUrl + ", tokenUrl=" + tokenUrl + "]";
        }
    }

    /** Branding files served by Bridgekeeper under /branding/{key}/. */
    public record Branding(String logo, String icon, String buttonDefault, String buttonHover, String alt) {}
}
