package dev.bridgekeeper.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One platform of the catalog, as read from its yaml file and validated at start-up. What a deployment configures
 * on top of it (app credentials, vendor URLs, rate limits) is in {@link IntegrationSettings} and
 * {@link AppCredentials}, from {@link IntegrationCatalog}.
 *
 * @param key        Codat's four-letter platform key, e.g. {@code sbac}
 * @param sandbox    true for Bridgekeeper's own sandbox platforms (hidden when the sandbox is off)
 * @param enabled    the catalog's own switch; a platform also needs app credentials to be linkable
 * @param connector  the id of the connector that authorises and reads this platform, e.g. {@code xero}
 * @param auth       how a customer authorises access (mode, client authentication, scopes)
 * @param dataTypes  data type name to the state of each feature, e.g. {@code invoices -> {Get: Release}}
 * @param urls       the vendor's URLs by name ({@code authorize}, {@code token}, {@code revoke}, {@code identity},
 *                   {@code api-base} and any a connector names), as the catalog writes them; configuration may
 *                   override each ({@link IntegrationSettings#url})
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
        String connector,
        Auth auth,
        Map<String, Map<String, String>> dataTypes,
        Branding branding,
        Map<String, String> urls) {

    /** URL names every OAuth 2.0 platform may have. */
    public static final String AUTHORIZE = "authorize";
    public static final String TOKEN = "token";
    public static final String REVOKE = "revoke";
    public static final String IDENTITY = "identity";
    public static final String API_BASE = "api-base";

    /**
     * How the platform is authorised: {@code oauth2} (authorization code + PKCE), or {@code upload} for documents the
     * customer uploads (no sign-in at a vendor, no app credentials; the connection is Linked when the first upload
     * is made).
     *
     * @param tokenAuthMethod  {@code client_secret_basic}, {@code client_secret_post} or {@code none}
     * @param revocationFormat how the revocation request carries the token: {@code form} (RFC 7009, the default) or
     *                         {@code json} ({@code {"token": ...}}, as Intuit's revoke endpoint wants it)
     * @param scopes           the scopes asked for unless configuration names others
     */
    public record Auth(String mode, String tokenAuthMethod, String revocationFormat, List<String> scopes) {

        public static final String OAUTH2 = "oauth2";
        /** The customer uploads documents through Link or the lender through the Files API. */
        public static final String UPLOAD = "upload";

        /** RFC 7009's form-encoded revocation request. */
        public static final String FORM = "form";
        /** A JSON body {@code {"token": ...}} (Intuit). */
        public static final String JSON = "json";

        public boolean needsClientSecret() {
            return !upload() && !"none".equals(tokenAuthMethod);
        }

        /** True for the file-upload integrations, which have no vendor to sign in at. */
        public boolean upload() {
            return UPLOAD.equals(mode);
        }
    }

    /** Branding files served by Bridgekeeper under /branding/{key}/. */
    public record Branding(String logo, String icon, String buttonDefault, String buttonHover, String alt) {}
}
