package dev.bridgekeeper.settings.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks on the URLs and origins clients put into their settings. */
final class Urls {

    private Urls() {}

    /** An absolute http(s) URL with a host; placeholders like {companyId} are allowed in templates. */
    static boolean isHttpUrl(String value, boolean template) {
        if (value == null || value.isBlank() || value.length() > 2000) {
            return false;
        }
        String candidate = template ? value.replaceAll("\\{[A-Za-z]+}", "x") : value;
        try {
            URI uri = new URI(candidate);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A plain email address: one @, no spaces or characters a mailto: link would need escaped. */
    static boolean isEmail(String value) {
        return value.length() <= 254 && value.matches("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    }

    /** A browser origin: scheme, host and optional port, nothing else. */
    static boolean isOrigin(String value) {
        if (!isHttpUrl(value, false)) {
            return false;
        }
        URI uri = URI.create(value);
        return (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
    }
}
