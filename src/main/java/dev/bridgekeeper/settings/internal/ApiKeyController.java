package dev.bridgekeeper.settings.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.security.ApiKeyDigest;
import dev.bridgekeeper.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /apiKeys}: a client's keys. The key itself is shown once, in the answer that creates it. */
@RestController
@Tag(name = "API keys")
class ApiKeyController {

    private final ApiKeyStore keys;
    private final Clock clock;
    private final int maxKeys;

    ApiKeyController(ApiKeyStore keys, Clock clock, @Value("${bridgekeeper.api-keys.max-per-client:10}") int maxKeys) {
        this.keys = keys;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiKeyDetails(String id, String name, String apiKey, Instant createdDate) {}

    record ApiKeys(List<ApiKeyDetails> results) {}

    record CreateApiKey(String name) {}

    @Operation(operationId = "list-api-keys", summary = "List API keys")
    @GetMapping("/apiKeys")
    ApiKeys list() {
        return new ApiKeys(keys.list(Caller.current().clientId()).stream()
                .map(k -> new ApiKeyDetails(k.id().toString(), k.name(), null, k.createdDate()))
                .toList());
    }

    @Operation(operationId = "create-api-key", summary = "Create an API key")
    @PostMapping("/apiKeys")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    ResponseEntity<ApiKeyDetails> create(@RequestBody(required = false) CreateApiKey body) {
        String name = body == null ? null : body.name();
        if (name != null && name.length() > 50) {
            new ValidationErrors().reject("name", "\"name\" must be at most 50 characters.").throwIfAny();
        }
        UUID clientId = Caller.current().clientId();
        keys.lockClient(clientId);
        if (keys.count(clientId) >= maxKeys) {
            throw ApiException.conflict("A client can have at most " + maxKeys
                    + " API keys. Delete one you no longer use first.");
        }
        UUID id = UUID.randomUUID();
        String apiKey = ApiKeyDigest.newKey();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        keys.insert(clientId, id, name, apiKey, now);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ApiKeyDetails(id.toString(), name, apiKey, now));
    }

    @Operation(operationId = "delete-api-key", summary = "Delete an API key")
    @DeleteMapping("/apiKeys/{apiKeyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID apiKeyId) {
        UUID clientId = Caller.current().clientId();
        keys.lockClient(clientId);
        if (!keys.exists(clientId, apiKeyId)) {
            throw ApiException.notFound("API key " + apiKeyId + " does not exist.");
        }
        if (keys.count(clientId) == 1) {
            throw ApiException.conflict("API key " + apiKeyId + " is the last key of this client and cannot be"
                    + " deleted; create another key first.");
        }
        keys.delete(clientId, apiKeyId);
        return ResponseEntity.noContent().build();
    }
}
