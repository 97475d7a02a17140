package dev.bridgekeeper.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A client's profile in Codat's shape: its name and branding, the redirect URL template customers
 * return to after linking, and the URLs that redirect may point at. Bridgekeeper extensions:
 * {@code hostedLinkRequiresToken} protects Hosted Link with one-time link tokens; {@code supportEmail}
 * and {@code privacyPolicyUrl} are shown to customers in the Link journey.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(
        String name,
        String logoUrl,
        String iconUrl,
        String redirectUrl,
        List<String> whiteListUrls,
        String apiKey,
        Boolean confirmCompanyName,
        Boolean hostedLinkRequiresToken,
        String supportEmail,
        String privacyPolicyUrl) {

    public Profile {
        whiteListUrls = whiteListUrls == null ? List.of() : List.copyOf(whiteListUrls);
    }

    /** Bridgekeeper extension: Hosted Link opens only with a one-time link token from the API. */
    @JsonIgnore
    public boolean requiresHostedLinkToken() {
        return Boolean.TRUE.equals(hostedLinkRequiresToken);
    }

    /** True when the address's scheme, host and port are exactly those of one of the whiteListUrls. */
    public boolean allowsRedirectTo(URI target) {
        String origin = origin(target);
        return origin != null && whiteListUrls.stream().map(url -> {
            try {
                return origin(URI.create(url));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).anyMatch(origin::equals);
    }

    /** scheme://host:port with the default port made explicit, or null for anything that is not http(s). */
    public static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
