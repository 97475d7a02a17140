package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.settings.Profile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the customer's browser goes after the platform: the profile's redirect template with
 * Codat's placeholders filled in and the linkUrl's extra query parameters carried over, and only
 * when its scheme, host and port exactly match one of the profile's whiteListUrls.
 */
final class RedirectTarget {

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
                    : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        matcher.appendTail(filled);
        URI target;
        try {
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(filled.toString());
            Map<String, java.util.List<String>> present = uri.build().getQueryParams();
            extraParams.forEach((name, value) -> {
                if (!present.containsKey(name)) {
                    uri.queryParam(name, URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
                }
            });
            target = URI.create(uri.build(true).toUriString());
        } catch (IllegalArgumentException e) {
            throw new NotAllowed("The profile's redirect URL is not a valid URL.");
        }
        if (!allowed(target, profile)) {
            throw new NotAllowed("The redirect URL's address (" + origin(target) + ") is not in the profile's"
                    + " whiteListUrls.");
        }
        return Optional.of(target);
    }

    private static boolean allowed(URI target, Profile profile) {
        String origin = origin(target);
        return origin != null && profile.whiteListUrls().stream().map(url -> {
            try {
                return origin(URI.create(url));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).anyMatch(origin::equals);
    }

    /** scheme://host:port with the default port made explicit, or null for anything that is not http(s). */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
