package dev.bridgekeeper.webhook.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.platform.crypto.SecretSealer;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.webhook.WebhookEventType;
import dev.bridgekeeper.webhook.WebhookProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists, enables, disables and deletes webhook consumers, and keeps their signing secrets. */
@Service
class ConsumerManagement {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_COMPANY_TAGS = 10;
    static final int MAX_COMPANY_TAG_LENGTH = 128;

    /** Codat's WebhookConsumer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookConsumer(String id, String url, Boolean disabled, List<String> eventTypes,
            List<String> companyTags) {}

    private final ConsumerStore store;
    private final SecretSealer sealer;
    private final WebhookTargetGuard guard;
    private final WebhookPolicies policies;
    private final WebhookProperties properties;

    private final org.springframework.transaction.support.TransactionTemplate tx;

    ConsumerManagement(ConsumerStore store, SecretSealer sealer, WebhookTargetGuard guard, WebhookPolicies policies,
            org.springframework.transaction.support.TransactionTemplate tx) {
        this.tx = tx;
        this.store = store;
        this.sealer = sealer;
        this.guard = guard;
        this.policies = policies;
        this.properties = policies.properties();
    }

    /** Binds a sealed secret to its consumer: a ciphertext copied onto another consumer does not open. */
    static String secretContext(UUID consumerId) {
        return "webhook-secret:" + consumerId;
    }

    @Transactional(readOnly = true)
    List<WebhookConsumer> list(UUID clientId) {
        return store.list(clientId).stream().map(ConsumerManagement::view).toList();
    }

    @Transactional
    WebhookConsumer create(UUID clientId, String url, Boolean disabled, List<String> eventTypes,
            List<String> companyTags) {
        ValidationErrors errors = new ValidationErrors();
        checkUrl(errors, url);
        checkEventTypes(errors, eventTypes);
        checkCompanyTags(errors, companyTags);
        errors.throwIfAny();
        store.lockClient(clientId);
        if (store.count(clientId) >= properties.maxConsumersPerClient()) {
            throw ApiException.conflict("A client can have at most " + properties.maxConsumersPerClient()
                    + " webhook consumers. Delete one you no longer use first.");
        }
        UUID id = UUID.randomUUID();
        boolean off = Boolean.TRUE.equals(disabled);
        ConsumerRow row = new ConsumerRow(id, clientId, url.trim(), off, List.copyOf(new java.util.LinkedHashSet<>(
                eventTypes)), companyTags == null || companyTags.isEmpty() ? null : List.copyOf(companyTags),
                sealer.seal(SigningSecrets.generate(), secretContext(id)), null, null, null,
                off ? "Created disabled." : null, policies.now());
        store.insert(row);
        return view(row);
    }

    /**
     * Deletes the consumer with its deliveries and attempts. PostgreSQL may still end the transaction as a
     * deadlock victim when a sender races it (a delivery claimed between the two deletes); it is tried again,
     * since the caller asked for an outcome that is always reachable.
     */
    void delete(UUID clientId, UUID consumerId) {
        for (int attempt = 1; ; attempt++) {
            try {
                boolean deleted = Boolean.TRUE.equals(tx.execute(status -> store.delete(clientId, consumerId)));
                if (!deleted) {
                    throw notFound(consumerId);
                }
                return;
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Transactional(readOnly = true)
    String secret(UUID clientId, UUID consumerId) {
        ConsumerRow row = require(clientId, consumerId);
        return sealer.open(row.secretSealed(), secretContext(consumerId));
    }

    /**
     * A new secret signs from now on; the old one keeps signing alongside it for the configured
     * overlap, so receivers can switch without a window of failed verifications.
     */
    @Transactional
    String rotateSecret(UUID clientId, UUID consumerId) {
        ConsumerRow row = store.findForUpdate(clientId, consumerId).orElseThrow(() -> notFound(consumerId));
        String fresh = SigningSecrets.generate();
        Instant until = policies.now().plus(properties.secretRotationOverlap());
        boolean overlap = !properties.secretRotationOverlap().isZero();
        store.rotateSecret(consumerId, sealer.seal(fresh, secretContext(consumerId)),
                overlap ? row.secretSealed() : null, overlap ? until : null);
        return fresh;
    }

    @Transactional
    WebhookConsumer setDisabled(UUID clientId, UUID consumerId, boolean disabled) {
        ConsumerRow row = store.findForUpdate(clientId, consumerId).orElseThrow(() -> notFound(consumerId));
        if (row.disabled() != disabled) {
            store.setDisabled(consumerId, disabled, disabled ? "Disabled by the client on " + policies.now() + "." : null);
        }
        return view(store.find(clientId, consumerId).orElseThrow(() -> notFound(consumerId)));
    }

    ConsumerRow require(UUID clientId, UUID consumerId) {
        return store.find(clientId, consumerId).orElseThrow(() -> notFound(consumerId));
    }

    private void checkUrl(ValidationErrors errors, String url) {
        problemWithUrl(url).ifPresent(problem -> errors.reject("url", problem));
    }

    private Optional<String> problemWithUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("\"url\" is required: the https URL that receives the webhooks.");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("\"url\" must be at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("\"url\" must be an absolute URL such as https://lender.example/webhooks.");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
            return Optional.of("\"url\" must be an absolute URL such as https://lender.example/webhooks.");
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
            return Optional.of(scheme.equals("http")
                    ? "\"url\" must use https; plain http is accepted only when bridgekeeper.webhooks.allow-http is"
                            + " true (local development)."
                    : "\"url\" must use https.");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("\"url\" must not carry credentials (user:password@).");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("\"url\" must not have a #fragment.");
        }
        return guard.problemAtCreation(uri.getHost()).map(problem -> "\"url\" is refused: " + problem + ".");
    }

    private static void checkEventTypes(ValidationErrors errors, List<String> eventTypes) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            errors.reject("eventTypes", "\"eventTypes\" must list at least one event type, e.g. [\"connection.connected\"];"
                    + " known types: " + String.join(", ", WebhookEventType.wireNames()) + ".");
            return;
        }
        for (int i = 0; i < eventTypes.size(); i++) {
            String type = eventTypes.get(i);
            if (type == null || WebhookEventType.of(type).isEmpty()) {
                errors.reject("eventTypes[" + i + "]", "\"eventTypes[" + i + "]\" "
                        + (type == null ? "is null" : "\"" + abbreviate(type) + "\" is not an event type this instance sends")
                        + "; known types: " + String.join(", ", WebhookEventType.wireNames()) + ".");
            }
        }
    }

    private static void checkCompanyTags(ValidationErrors errors, List<String> companyTags) {
        if (companyTags == null) {
            return;
        }
        if (companyTags.size() > MAX_COMPANY_TAGS) {
            errors.reject("companyTags", "\"companyTags\" can hold at most " + MAX_COMPANY_TAGS + " tags.");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < companyTags.size(); i++) {
            String tag = companyTags.get(i);
            String field = "companyTags[" + i + "]";
            if (tag == null || tag.length() > MAX_COMPANY_TAG_LENGTH || tag.indexOf(':') < 1) {
                errors.reject(field, "\"" + field + "\" must be a \"key:value\" string of at most "
                        + MAX_COMPANY_TAG_LENGTH + " characters, e.g. \"region:uk\".");
            } else if (!seen.add(tag)) {
                errors.reject(field, "\"" + field + "\" repeats \"" + abbreviate(tag) + "\".");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    static WebhookConsumer view(ConsumerRow row) {
        return new WebhookConsumer(row.id().toString(), row.url(), row.disabled(), row.eventTypes(),
                row.companyTags());
    }

    static ApiException notFound(UUID consumerId) {
        return ApiException.notFound("Webhook consumer " + consumerId + " does not exist.");
    }
}
