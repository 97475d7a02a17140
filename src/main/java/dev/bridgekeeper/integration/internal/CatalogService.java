package dev.bridgekeeper.integration.internal;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Service;

/** The catalog loaded once at start-up; the sandbox platforms drop out when the sandbox is off. */
@Service
class CatalogService implements IntegrationCatalog {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final List<Integration> integrations;
    private final Map<String, Integration> byKey;
    private final String location;

    CatalogService(ResourcePatternResolver resources, Environment env,
            @Value("${bridgekeeper.catalog.location:classpath:catalog/}") String location,
            @Value("${bridgekeeper.sandbox.enabled:true}") boolean sandboxEnabled) {
        this.location = location.endsWith("/") ? location : location + "/";
        List<Integration> loaded = new CatalogLoader(resources, env::resolveRequiredPlaceholders).load(location);
        this.integrations = loaded.stream().filter(i -> sandboxEnabled || !i.sandbox()).toList();
        this.byKey = integrations.stream().collect(Collectors.toUnmodifiableMap(Integration::key, Function.identity()));
        log.info("Integration catalog: {} platforms ({})", integrations.size(),
                integrations.stream().map(Integration::key).collect(Collectors.joining(", ")));
    }

    @Override
    public List<Integration> all() {
        return integrations;
    }

    @Override
    public Optional<Integration> find(String platformKey) {
        return Optional.ofNullable(platformKey == null ? null : byKey.get(platformKey));
    }

    @Override
    public Integration require(String platformKey) {
        return find(platformKey).orElseThrow(() -> ApiException.notFound(
                "No integration has the platform key \"" + platformKey + "\"."));
    }

    /** Where the branding files live, for the controller that serves them. */
    String brandingLocation(String file) {
        return location + "branding/" + file;
    }
}
