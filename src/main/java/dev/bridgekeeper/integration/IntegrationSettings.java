package dev.bridgekeeper.integration;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployment configured for one platform under {@code bridgekeeper.integrations.<platformKey>.*}, merged
 * over the catalog: the vendor's URLs, rate-limit overrides and connector options. App credentials are separate
 * ({@link AppCredentials}), because a client may override them.
 *
 * @param urls       every URL by name ({@link #canonical} form), configuration over catalog
 * @param rateLimits rate-limit overrides by the limit's name in the connector's policy
 * @param options    connector-specific settings (e.g. an API minor version), strings as configured
 */
public record IntegrationSettings(String platformKey, Map<String, String> urls, Map<String, RateLimit> rateLimits,
        Map<String, String> options) {

    /** One rate limit as configured; null fields keep the connector's documented value. */
    public record RateLimit(Integer permits, Duration window) {}

    public IntegrationSettings {
        urls = Map.copyOf(urls);
        rateLimits = Map.copyOf(rateLimits);
        options = Map.copyOf(options);
    }

    /** The URL called {@code name}, or empty when neither the catalog nor configuration has one. */
    public Optional<String> url(String name) {
        return Optional.ofNullable(urls.get(canonical(name)));
    }

    /** The rate-limit override called {@code name}, if one is configured. */
    public Optional<RateLimit> rateLimit(String name) {
        return Optional.ofNullable(rateLimits.get(canonical(name)));
    }

    /** The option called {@code name}, if configured. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(canonical(name)));
    }

    /**
     * How names in these maps are compared: lower case without dashes or underscores, so a yaml key
     * ({@code api-base}) and its environment variable form ({@code ..._URLS_APIBASE}) are the same name.
     */
    public static String canonical(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** The URL called {@code name}; a connector that needs it fails with the setting to fill in. */
    public String requireUrl(String name) {
        return url(name).orElseThrow(() -> new IllegalStateException("Platform " + platformKey + " has no " + name
                + " URL: set bridgekeeper.integrations." + platformKey + ".urls." + name));
    }
}
