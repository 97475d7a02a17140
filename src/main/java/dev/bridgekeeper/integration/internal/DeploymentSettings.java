package dev.bridgekeeper.integration.internal;

import dev.bridgekeeper.integration.IntegrationSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code bridgekeeper.integrations.<platformKey>.*} as configured (yaml, environment, command line). Names inside
 * the maps (URL and rate-limit names) are compared without dashes and case, so
 * {@code BRIDGEKEEPER_INTEGRATIONS_GBOL_URLS_APIBASE} sets the {@code api-base} URL as the yaml key would.
 */
final class DeploymentSettings {

    /** One platform's block; every field optional. */
    record Block(String clientId, String clientSecret, List<String> scopes, String redirectUri,
            Map<String, String> urls, Map<String, IntegrationSettings.RateLimit> rateLimits,
            Map<String, String> options) {

        @Override
        public String toString() {
            return "Block[clientId=" + clientId + "]"; // the secret never reaches a log line
        }
    }

    private final Map<String, Block> blocks;

    DeploymentSettings(Environment env) {
        Map<String, Block> bound = Binder.get(env).bind("bridgekeeper.integrations",
                Bindable.mapOf(String.class, Block.class)).orElse(Map.of());
        Map<String, Block> byKey = new LinkedHashMap<>();
        bound.forEach((key, block) -> byKey.put(key.toLowerCase(Locale.ROOT), block));
        this.blocks = Map.copyOf(byKey);
    }

    Block block(String platformKey) {
        Block block = blocks.get(platformKey);
        return block != null ? block : new Block(null, null, null, null, null, null, null);
    }

    /** Platform keys configured that the catalog does not have (reported at start-up). */
    List<String> keys() {
        return List.copyOf(blocks.keySet());
    }

    static String canonical(String name) {
        return IntegrationSettings.canonical(name);
    }

    /** {@code configured} over {@code catalog}, keyed by the catalog's name (or the configured one when new). */
    static Map<String, String> mergeUrls(Map<String, String> catalog, Map<String, String> configured) {
        Map<String, String> merged = new LinkedHashMap<>();
        catalog.forEach((name, url) -> merged.put(canonical(name), url));
        if (configured != null) {
            configured.forEach((name, url) -> {
                if (url != null && !url.isBlank()) {
                    merged.put(canonical(name), url.trim().replaceAll("/+$", ""));
                }
            });
        }
        return merged;
    }

    static <T> Map<String, T> canonicalKeys(Map<String, T> map) {
        Map<String, T> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((name, value) -> {
                if (value != null) {
                    out.put(canonical(name), value);
                }
            });
        }
        return out;
    }
}
