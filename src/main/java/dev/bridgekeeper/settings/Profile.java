package dev.bridgekeeper.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A client's profile in Codat's shape: its name and branding, the redirect URL template customers
 * return to after linking, and the URLs that redirect may point at. {@code hostedLinkRequiresToken}
 * (an extension) protects Hosted Link with one-time link tokens.
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
        Boolean hostedLinkRequiresToken) {

    public Profile {
        whiteListUrls = whiteListUrls == null ? List.of() : List.copyOf(whiteListUrls);
    }

    /** Bridgekeeper extension: Hosted Link opens only with a one-time link token from the API. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean requiresHostedLinkToken() {
        return Boolean.TRUE.equals(hostedLinkRequiresToken);
    }
}
