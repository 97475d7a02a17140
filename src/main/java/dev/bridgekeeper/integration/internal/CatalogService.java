package dev.bridgekeeper.integration.internal;

import dev.bridgekeeper.integration.AppCredentials;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.IntegrationSettings;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.secrets.DevelopmentMode;
import java.util.LinkedHashMap;
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

/**
 * The catalog loaded once at start-up (the sandbox platforms drop out when the sandbox is off), with the
 * deployment's {@code bridgekeeper.integrations.<platformKey>.*} settings merged over it and the clients' own app
 * credentials looked up when asked for.
 */
@Service
class CatalogService implements IntegrationCatalog {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final List<Integration> integrations;
    private final Map<String, Integration> byKey;
    private final Map<String, CatalogLoader.Loaded> entries;
    private final Map<String, IntegrationSettings> settings;
    private final DeploymentSettings deployment;
    private final CredentialStore credentials;
    private final String location;
    private final java.util.Set<String> switchedOffSandboxes;

    CatalogService(ResourcePatternResolver resources, Environment env, CredentialStore credentials,
            @Value("${bridgekeeper.catalog.location:classpath:catalog/}") String location) {
        boolean sandboxEnabled = DevelopmentMode.sandboxesEnabled(env);
        this.location = location.endsWith("/") ? location : location + "/";
        this.credentials = credentials;
        List<CatalogLoader.Loaded> all = new CatalogLoader(resources, env::resolveRequiredPlaceholders)
                .loadEntries(location);
        List<CatalogLoader.Loaded> loaded = all.stream().filter(e -> sandboxEnabled || !e.integration().sandbox())
                .toList();
        // remembered only to tell a caller naming one why it is refused
        this.switchedOffSandboxes = all.stream().filter(e -> !sandboxEnabled && e.integration().sandbox())
                .map(e -> e.integration().key().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.entries = loaded.stream().collect(Collectors.toUnmodifiableMap(e -> e.integration().key(),
                Function.identity()));
        this.integrations = loaded.stream().map(CatalogLoader.Loaded::integration).toList();
        this.byKey = integrations.stream().collect(Collectors.toUnmodifiableMap(Integration::key, Function.identity()));
        this.deployment = new DeploymentSettings(env);
        Map<String, IntegrationSettings> merged = new LinkedHashMap<>();
        for (Integration i : integrations) {
            DeploymentSettings.Block block = deployment.block(i.key());
            merged.put(i.key(), new IntegrationSettings(i.key(), DeploymentSettings.mergeUrls(i.urls(), block.urls()),
                    DeploymentSettings.canonicalKeys(block.rateLimits()),
                    DeploymentSettings.canonicalKeys(block.options())));
        }
        this.settings = Map.copyOf(merged);
        deployment.keys().stream().filter(k -> !byKey.containsKey(k)).forEach(k -> log.warn(
                "bridgekeeper.integrations.{} is configured but the catalog has no platform {}", k, k));
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

    @Override
    public IntegrationSettings settings(String platformKey) {
        IntegrationSettings found = settings.get(require(platformKey).key());
        return found;
    }

    @Override
    public Optional<AppCredentials> credentials(ClientId client, String platformKey) {
        Integration integration = require(platformKey);
        if (integration.auth().upload()) { // no vendor app: the key names the "app" the shared machinery meters
            return Optional.of(new AppCredentials(integration.key(), null, List.of(), null, "catalog"));
        }
        DeploymentSettings.Block block = deployment.block(platformKey);
        List<String> defaultScopes = block.scopes() != null && !block.scopes().isEmpty() ? block.scopes()
                : integration.auth().scopes();
        Optional<CredentialStore.Stored> own = client == null ? Optional.empty()
                : credentials.find(client.value(), platformKey);
        if (own.isPresent()) {
            CredentialStore.Stored s = own.get();
            return Optional.of(new AppCredentials(s.clientId(), s.clientSecret(),
                    s.scopes() == null || s.scopes().isEmpty() ? defaultScopes : s.scopes(),
                    s.redirectUri() != null ? s.redirectUri() : block.redirectUri(), "client"));
        }
        if (present(block.clientId())) {
            return Optional.of(new AppCredentials(block.clientId().trim(), blankToNull(block.clientSecret()),
                    defaultScopes, blankToNull(block.redirectUri()), "deployment"));
        }
        CatalogLoader.Loaded entry = entries.get(platformKey);
        if (present(entry.clientId())) {
            return Optional.of(new AppCredentials(entry.clientId(), blankToNull(entry.clientSecret()),
                    defaultScopes, blankToNull(block.redirectUri()), "catalog"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> unavailableReason(ClientId client, String platformKey) {
        Integration integration = find(platformKey).orElse(null);
        if (integration == null && platformKey != null
                && switchedOffSandboxes.contains(platformKey.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("\"platformKey\" " + platformKey + " is a sandbox platform, and the sandbox platforms"
                    + " are switched off on this instance (they run in development mode, or with"
                    + " BRIDGEKEEPER_SANDBOX_ENABLED=true); GET /integrations lists the platforms it offers.");
        }
        if (integration == null) {
            return Optional.of("\"platformKey\" " + platformKey + " is not an integration of this instance;"
                    + " GET /integrations lists them.");
        }
        if (!integration.enabled()) {
            return Optional.of("Integration " + platformKey + " is not enabled.");
        }
        if (integration.auth().upload()) {
            return Optional.empty(); // nothing to sign in at: no app credentials needed
        }
        Optional<AppCredentials> app = credentials(client, platformKey);
        String env = "BRIDGEKEEPER_INTEGRATIONS_" + platformKey.toUpperCase(java.util.Locale.ROOT) + "_";
        if (app.isEmpty()) {
            return Optional.of("Integration " + platformKey + " has no app credentials. Set bridgekeeper.integrations."
                    + platformKey + ".client-id and client-secret (" + env + "CLIENTID, " + env + "CLIENTSECRET)"
                    + " or PUT /integrations/" + platformKey + "/credentials.");
        }
        if (integration.auth().needsClientSecret() && app.get().clientSecret() == null) {
            return Optional.of("Integration " + platformKey + " has a client id but no client secret. Set"
                    + " bridgekeeper.integrations." + platformKey + ".client-secret (" + env + "CLIENTSECRET) or PUT"
                    + " /integrations/" + platformKey + "/credentials.");
        }
        return Optional.empty();
    }

    /** Where the branding files live, for the controller that serves them. */
    String brandingLocation(String file) {
        return location + "branding/" + file;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return present(value) ? value : null;
    }
}
