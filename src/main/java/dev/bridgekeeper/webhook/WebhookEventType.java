package dev.bridgekeeper.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The event types this instance sends, named exactly as Codat documents them (Webhooks.json). A
 * consumer may subscribe only to these, so a typo is a 400 rather than a silence.
 */
public enum WebhookEventType {
    COMPANY_CREATED("company.created"),
    COMPANY_DELETED("company.deleted"),
    COMPANY_PRODUCT_ADDED("company.product.added"),
    COMPANY_PRODUCT_REMOVED("company.product.removed"),
    CONNECTION_CREATED("connection.created"),
    CONNECTION_CONNECTED("connection.connected"),
    CONNECTION_DISCONNECTED("connection.disconnected"),
    CONNECTION_RECONNECTED("connection.reconnected"),
    CONNECTION_FAILED("connection.failed"),
    CONNECTION_DELETED("connection.deleted"),
    READ_COMPLETED("read.completed"),
    READ_COMPLETED_INITIAL("read.completed.initial"),
    CLIENT_RATE_LIMIT_REACHED("client.rateLimit.reached"),
    CLIENT_RATE_LIMIT_RESET("client.rateLimit.reset"),
    // Bridgekeeper extensions: Codat keeps no consent records
    CONSENT_GRANTED("consent.granted"),
    CONSENT_REVOKED("consent.revoked"),
    CONSENT_EXPIRING("consent.expiring"),
    CONSENT_EXPIRED("consent.expired");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
    }
}
