package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.settings.Profile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the customer's browser goes after the platform. For a linkUrl opened on its own: the profile's
 * redirect template with Codat's placeholders filled in and the linkUrl's extra query parameters carried
 * over. For the Link journey in the same tab: the journey's own return address (the lender's page that
 * embeds it, or Hosted Link), sent with the linkUrl and kept with the authorization. Either only when its
 * scheme, host and port exactly match one of the profile's whiteListUrls; Hosted Link's own page is allowed
 * for its company.
 */
final class RedirectTarget {

    /** The linkUrl query parameter that carries the journey's return address (not passed on to the lender). */
    static final String JOURNEY_RETURN = "bk_return";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private RedirectTarget() {}

    /** Thrown when the filled-in redirect is not on the profile's allow list. */
    static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message, null, false, false);
        }
    }

    /** Empty when the profile has no redirect URL (the customer is shown a "you can close this window" page). */
    static Optional<URI> build(Profile profile, Map<String, String> values, Map<String, String> extraParams) {
        String template = profile.redirectUrl();
        if (template == null || template.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? matcher.group()
                    : encode(value)));
        }
        matcher.appendTail(filled);
        URI target;
        try {
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(filled.toString());
            Map<String, java.util.List<String>> present = uri.build().getQueryParams();
            extraParams.forEach((name, value) -> {
                if (!present.containsKey(name)) {
                    uri.queryParam(name, encode(value));
                }
            });
            target = URI.create(uri.build(true).toUriString());
        } catch (IllegalArgumentException e) {
            throw new NotAllowed("The profile's redirect URL is not a valid URL.");
        }
        if (!profile.allowsRedirectTo(target)) {
            throw new NotAllowed("The redirect URL's address (" + Profile.origin(target) + ") is not in the profile's"
                    + " whiteListUrls.");
        }
        return Optional.of(target);
    }

    /**
     * True when the journey may return to {@code address}: an absolute http(s) URL without a fragment or
     * credentials on the profile's allow list, or exactly the company's Hosted Link page.
     */
    static boolean journeyMayReturnTo(String address, Profile profile, String hostedLinkPage) {
        if (address == null || address.isBlank() || address.length() > 2000) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null || Profile.origin(uri) == null) {
            return false;
        }
        return address.equals(hostedLinkPage) || profile.allowsRedirectTo(uri);
    }

    /** The journey's return address with the outcome added: the page only needs to know it is back, and from what. */
    static URI journeyReturn(String address, String statusCode, String connectionId) {
        return URI.create(UriComponentsBuilder.fromUriString(address)
                .replaceQueryParam("statusCode", encode(statusCode))
                .replaceQueryParam("connectionId", encode(connectionId))
                .build(true).toUriString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
