package dev.bridgekeeper.webhook.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.company.Company;
import dev.bridgekeeper.company.CompanyCreated;
import dev.bridgekeeper.company.CompanyDeleted;
import dev.bridgekeeper.company.CompanyDetails;
import dev.bridgekeeper.company.CompanyProductAdded;
import dev.bridgekeeper.company.CompanyProductRemoved;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.Connection;
import dev.bridgekeeper.connection.ConnectionConnected;
import dev.bridgekeeper.connection.ConnectionCreated;
import dev.bridgekeeper.connection.ConnectionDeleted;
import dev.bridgekeeper.connection.ConnectionDisconnected;
import dev.bridgekeeper.connection.ConnectionEvent;
import dev.bridgekeeper.connection.ConnectionFailed;
import dev.bridgekeeper.connection.ConnectionReconnected;
import dev.bridgekeeper.consent.ConsentEvent;
import dev.bridgekeeper.consent.ConsentExpired;
import dev.bridgekeeper.consent.ConsentExpiring;
import dev.bridgekeeper.consent.ConsentGranted;
import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.consent.ConsentRevoked;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.consent.Products;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.throttle.ClientRateLimitReached;
import dev.bridgekeeper.platform.throttle.ClientRateLimitReset;
import dev.bridgekeeper.sync.ReadCompleted;
import dev.bridgekeeper.webhook.WebhookEventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. Domain events are published inside the transaction that changes the
 * state, and these listeners run synchronously in it, so a message row exists exactly when the
 * change commits: a rollback takes the message with it, and a crash after commit loses nothing
 * because the dispatcher reads only the table. Every event carries the company it concerns, so
 * writing a message reads nothing but the client's consumers of its type.
 */
@Component
class WebhookOutbox {

    /** Codat's companyReference: the short company that connection payloads carry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReferenceCompany(String id, String name, String description, Map<String, String> tags) {}

    /** Payload of the connection.* events. */
    record ConnectionPayload(ReferenceCompany referenceCompany, Connection connection) {}

    /**
     * Payload of read.completed and read.completed.initial: one summary per data type read, and
     * {@code modifiedFromDate}, the lower bound of the read (null when any data type was read in full).
     */
    record ReadCompletedPayload(ReferenceCompany referenceCompany, Instant modifiedFromDate,
            List<DataTypeRead> dataTypes) {}

    /** Payload of company.product.added and .removed (Codat's companyProductWebhookPayload). */
    record CompanyProductPayload(String id, String name, String description, String productId, String productName,
            List<String> products) {}

    /** Payload of client.rateLimit.reached and .reset (Codat's clientRateLimitWebhookPayload). */
    record ClientRateLimitPayload(long dailyQuota, long quotaRemaining, Instant expiryDate) {}

    /** Codat's dataTypeReadSummary: {@code recordsModified} says whether anything changed. */
    record DataTypeRead(String connectionId, String dataType, boolean recordsModified, String status) {}

    /** Payload of the consent.* events: the consent record as it is after the change. */
    record ConsentPayload(ReferenceCompany referenceCompany, ConsentRecord consent) {}

    private final ConsumerStore consumers;
    private final DeliveryStore deliveries;
    private final WebhookPolicies policies;
    private final JsonMapper json;
    private final ObjectProvider<WebhookDispatcher> dispatcher;
    // optional only so the webhook module's slice test starts without the consent module
    private final ObjectProvider<Products> products;

    WebhookOutbox(ConsumerStore consumers, DeliveryStore deliveries, WebhookPolicies policies, JsonMapper json,
            ObjectProvider<WebhookDispatcher> dispatcher, ObjectProvider<Products> products) {
        this.products = products;
        this.consumers = consumers;
        this.deliveries = deliveries;
        this.policies = policies;
        this.json = json;
        this.dispatcher = dispatcher;
    }

    @EventListener
    void on(CompanyCreated event) {
        company(WebhookEventType.COMPANY_CREATED, event.clientId(), event.company(), event.at());
    }

    @EventListener
    void on(CompanyDeleted event) {
        company(WebhookEventType.COMPANY_DELETED, event.clientId(), event.company(), event.at());
    }

    /** The payload is Codat's companyDetails: the company as the event carries it, without its dataConnections. */
    private void company(WebhookEventType type, ClientId clientId, CompanyDetails company, Instant at) {
        record(type, clientId, company.reference(), at, () -> Company.of(company, null));
    }

    @EventListener
    void on(ConnectionCreated event) {
        connection(WebhookEventType.CONNECTION_CREATED, event);
    }

    @EventListener
    void on(ConnectionConnected event) {
        connection(WebhookEventType.CONNECTION_CONNECTED, event);
    }

    @EventListener
    void on(ConnectionDisconnected event) {
        connection(WebhookEventType.CONNECTION_DISCONNECTED, event);
    }

    @EventListener
    void on(ConnectionReconnected event) {
        connection(WebhookEventType.CONNECTION_RECONNECTED, event);
    }

    @EventListener
    void on(ConnectionFailed event) {
        connection(WebhookEventType.CONNECTION_FAILED, event);
    }

    @EventListener
    void on(ConnectionDeleted event) {
        connection(WebhookEventType.CONNECTION_DELETED, event);
    }

    private void connection(WebhookEventType type, ConnectionEvent event) {
        record(type, event.clientId(), event.company(), event.at(),
                () -> new ConnectionPayload(reference(event.company()), Connection.of(event.connection())));
    }

    @EventListener
    void on(ConsentGranted event) {
        consent(WebhookEventType.CONSENT_GRANTED, event);
    }

    @EventListener
    void on(ConsentRevoked event) {
        consent(WebhookEventType.CONSENT_REVOKED, event);
    }

    @EventListener
    void on(ConsentExpiring event) {
        consent(WebhookEventType.CONSENT_EXPIRING, event);
    }

    @EventListener
    void on(ConsentExpired event) {
        consent(WebhookEventType.CONSENT_EXPIRED, event);
    }

    private void consent(WebhookEventType type, ConsentEvent event) {
        record(type, event.clientId(), event.company(), event.at(),
                () -> new ConsentPayload(reference(event.company()), ConsentRecord.of(event.consent())));
    }

    /** The first read after a link is both read.completed.initial and read.completed, as Codat sends it. */
    @EventListener
    void on(ReadCompleted event) {
        List<DataTypeRead> dataTypes = event.dataTypes().stream()
                .map(d -> new DataTypeRead(d.connectionId().toString(), d.dataType(), d.recordsModified() > 0,
                        d.status().name()))
                .toList();
        boolean anyFull = event.dataTypes().stream().anyMatch(d -> d.modifiedSince() == null);
        Instant modifiedFrom = anyFull ? null : event.dataTypes().stream().map(ReadCompleted.DataTypeResult::modifiedSince)
                .min(Instant::compareTo).orElse(null);
        Supplier<Object> payload = () -> new ReadCompletedPayload(reference(event.company()), modifiedFrom, dataTypes);
        if (event.initial()) {
            record(WebhookEventType.READ_COMPLETED_INITIAL, event.clientId(), event.company(), event.at(), payload);
        }
        record(WebhookEventType.READ_COMPLETED, event.clientId(), event.company(), event.at(), payload);
    }

    @EventListener
    void on(CompanyProductAdded event) {
        product(WebhookEventType.COMPANY_PRODUCT_ADDED, event.clientId(), event.company(), event.productIdentifier(),
                event.products(), event.at());
    }

    @EventListener
    void on(CompanyProductRemoved event) {
        product(WebhookEventType.COMPANY_PRODUCT_REMOVED, event.clientId(), event.company(), event.productIdentifier(),
                event.products(), event.at());
    }

    private void product(WebhookEventType type, ClientId clientId, CompanyReference company, String productId,
            List<String> products, Instant at) {
        record(type, clientId, company, at, () -> new CompanyProductPayload(company.id().toString(), company.name(),
                company.description(), productId, productName(productId),
                products));
    }

    private String productName(String identifier) {
        Products configured = products.getIfAvailable();
        return configured == null ? identifier : configured.find(identifier).map(Product::name).orElse(identifier);
    }

    /** Client-wide events: no company, so every subscribed consumer gets them whatever its company-tag filter. */
    @EventListener
    void on(ClientRateLimitReached event) {
        client(WebhookEventType.CLIENT_RATE_LIMIT_REACHED, event.clientId(), event.at(),
                new ClientRateLimitPayload(event.quota(), event.quotaRemaining(), event.expiry()));
    }

    @EventListener
    void on(ClientRateLimitReset event) {
        client(WebhookEventType.CLIENT_RATE_LIMIT_RESET, event.clientId(), event.at(),
                new ClientRateLimitPayload(event.quota(), event.quotaRemaining(), event.expiry()));
    }

    private void client(WebhookEventType type, ClientId clientId, Instant at, Object payload) {
        requireTransaction(type);
        write(clientId.value(), type, null, consumers.subscribers(clientId.value(), type.wireName()), null, at,
                () -> payload, false);
    }

    private static ReferenceCompany reference(CompanyReference company) {
        return new ReferenceCompany(company.id().toString(), company.name(), company.description(), company.tags());
    }

    /**
     * Every event carries its company (consumers filter on its tags, payloads describe it), so nothing is read
     * here but the client's consumers of the event type.
     */
    private void record(WebhookEventType type, ClientId clientId, CompanyReference company, Instant at,
            Supplier<Object> payload) {
        requireTransaction(type);
        write(clientId.value(), type, company.id().value(), consumers.subscribers(clientId.value(), type.wireName()),
                company.tags(), at, payload, true);
    }

    private static void requireTransaction(WebhookEventType type) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(type.wireName() + " was published outside a transaction; webhook"
                    + " messages must be written in the transaction of the change that caused them");
        }
    }

    /**
     * One message for the event and one delivery per consumer that wants it, in one statement; nothing when
     * nobody does.
     */
    private void write(UUID clientId, WebhookEventType type, UUID companyId, List<ConsumerRow> subscribed,
            Map<String, String> companyTags, Instant at, Supplier<Object> payload, boolean filterByCompany) {
        List<ConsumerRow> wanting = subscribed.stream()
                .filter(consumer -> !filterByCompany || CompanyTagFilter.matches(consumer.companyTags(), companyTags))
                .toList();
        if (wanting.isEmpty()) {
            return;
        }
        UUID id = UUID.randomUUID();
        Instant generated = at.truncatedTo(ChronoUnit.MILLIS);
        String body = json.writeValueAsString(new WebhookEnvelope(id, type.wireName(), generated, payload.get()));
        Instant now = policies.now();
        deliveries.insertMessage(id, clientId, type.wireName(), companyId, generated, body,
                wanting.stream().map(ConsumerRow::id).toList(), now, now.plus(policies.schedule().first()));
        // a local dispatcher need not wait for its next poll; other instances find the rows by polling
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        dispatcher.ifAvailable(local -> TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        local.wake();
                    }
                }));
    }
}
