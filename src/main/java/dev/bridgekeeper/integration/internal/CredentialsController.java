package dev.bridgekeeper.integration.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.integration.AppCredentials;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.security.Caller;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bridgekeeper's extension {@code /integrations/{platformKey}/credentials}: a client's own OAuth app for a platform,
 * over the deployment's. The secret is stored sealed and never returned; {@code GET} says whether one is set and
 * where the credentials in force come from. API keys only (a company token cannot reach it).
 */
@RestController
@Tag(name = "Integrations")
class CredentialsController {

    private final CatalogService catalog;
    private final CredentialStore store;

    CredentialsController(CatalogService catalog, CredentialStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** A client's app for a platform as a request sets it. */
    record CredentialsInput(String clientId, String clientSecret, List<String> scopes, String redirectUri) {

        @Override
        public String toString() {
            return "CredentialsInput[clientId=" + clientId + "]";
        }
    }

    /** The credentials in force for the calling client, without the secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CredentialsView(String platformKey, String clientId, boolean clientSecretSet, List<String> scopes,
            String redirectUri, String source, boolean enabled, String problem) {}

    @Operation(operationId = "get-integration-credentials", summary = "Get the app credentials an integration links"
            + " with (Bridgekeeper extension; the secret is never returned)")
    @GetMapping("/integrations/{platformKey}/credentials")
    CredentialsView get(@PathVariable String platformKey) {
        return view(catalog.require(platformKey), Caller.current().client());
    }

    @Operation(operationId = "put-integration-credentials", summary = "Set this client's own app credentials for an"
            + " integration (Bridgekeeper extension; the secret is stored sealed)")
    @PutMapping("/integrations/{platformKey}/credentials")
    @Transactional
    CredentialsView put(@PathVariable String platformKey, @RequestBody CredentialsInput body) {
        Integration integration = catalog.require(platformKey);
        ClientId client = Caller.current().client();
        ValidationErrors errors = new ValidationErrors();
        if (body == null || body.clientId() == null || body.clientId().isBlank() || body.clientId().length() > 500) {
            errors.reject("clientId", "\"clientId\" is required: the client id of your app at " + integration.name()
                    + " (at most 500 characters).");
        }
        String secret = body == null || body.clientSecret() == null || body.clientSecret().isEmpty() ? null
                : body.clientSecret();
        if (secret != null && secret.length() > 2000) {
            errors.reject("clientSecret", "\"clientSecret\" must be at most 2000 characters.");
        }
        boolean secretStored = store.find(client.value(), platformKey).map(s -> s.clientSecret() != null)
                .orElse(false);
        if (integration.auth().needsClientSecret() && secret == null && !secretStored) {
            errors.reject("clientSecret", "\"clientSecret\" is required: " + integration.name() + " authenticates"
                    + " the app with its secret (" + integration.auth().tokenAuthMethod() + ").");
        }
        List<String> scopes = body == null ? null : body.scopes();
        if (scopes != null && (scopes.size() > 50 || scopes.stream().anyMatch(s -> s == null || s.isBlank()
                || s.length() > 200 || s.chars().anyMatch(Character::isWhitespace)))) {
            errors.reject("scopes", "\"scopes\" must be at most 50 scope names without spaces.");
        }
        String redirectUri = body == null || body.redirectUri() == null || body.redirectUri().isBlank() ? null
                : body.redirectUri().trim();
        if (redirectUri != null && !absoluteHttp(redirectUri)) {
            errors.reject("redirectUri", "\"redirectUri\" must be an absolute http(s) URL ending in /oauth/callback"
                    + " of this instance's public URL.");
        }
        errors.throwIfAny();
        store.put(client.value(), platformKey, body.clientId().trim(), secret, scopes, redirectUri);
        return view(integration, client);
    }

    @Operation(operationId = "delete-integration-credentials", summary = "Remove this client's own app credentials"
            + " for an integration; the deployment's apply again (Bridgekeeper extension)")
    @DeleteMapping("/integrations/{platformKey}/credentials")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable String platformKey) {
        catalog.require(platformKey);
        store.delete(Caller.current().clientId(), platformKey);
        return ResponseEntity.noContent().build();
    }

    private CredentialsView view(Integration integration, ClientId client) {
        Optional<AppCredentials> app = catalog.credentials(client, integration.key());
        Optional<String> problem = catalog.unavailableReason(client, integration.key());
        return new CredentialsView(integration.key(), app.map(AppCredentials::clientId).orElse(null),
                app.map(a -> a.clientSecret() != null).orElse(false), app.map(AppCredentials::scopes)
                        .orElse(integration.auth().scopes()), app.map(AppCredentials::redirectUri).orElse(null),
                app.map(AppCredentials::source).orElse(null), problem.isEmpty(), problem.orElse(null));
    }

    private static boolean absoluteHttp(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
