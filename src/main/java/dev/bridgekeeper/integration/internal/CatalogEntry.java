package dev.bridgekeeper.integration.internal;

import java.util.List;
import java.util.Map;

/** A catalog yaml file as written; {@link CatalogLoader} checks it and turns it into an Integration. */
record CatalogEntry(
        String key,
        String name,
        String sourceType,
        String integrationId,
        String sourceId,
        Boolean sandbox,
        Boolean beta,
        Boolean enabled,
        String dataProvidedBy,
        Auth auth,
        Map<String, Map<String, String>> dataTypes,
        Branding branding,
        String dataApiUrl,
        String connector,
        Map<String, String> urls) {

    record Auth(String mode, String authorizationUrl, String tokenUrl, String revocationUrl, String identityUrl,
            String tokenAuthMethod, String revocationFormat, List<String> scopes, String clientId,
            String clientSecret) {}

    record Branding(String logo, String icon, String buttonDefault, String buttonHover, String alt) {}
}
