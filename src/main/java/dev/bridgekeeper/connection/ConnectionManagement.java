package dev.bridgekeeper.connection;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.connection.Connection.DataConnectionError;
import dev.bridgekeeper.connection.ConnectionEvents.ConnectionConnected;
import dev.bridgekeeper.connection.ConnectionEvents.ConnectionCreated;
import dev.bridgekeeper.connection.ConnectionEvents.ConnectionDeleted;
import dev.bridgekeeper.connection.ConnectionEvents.ConnectionDisconnected;
import dev.bridgekeeper.connection.ConnectionEvents.ConnectionFailed;
import dev.bridgekeeper.connection.ConnectionEvents.ConnectionReconnected;
import dev.bridgekeeper.connection.internal.ConnectionQuery;
import dev.bridgekeeper.connection.internal.ConnectionRow;
import dev.bridgekeeper.connection.internal.ConnectionStatusChange;
import dev.bridgekeeper.connection.internal.ConnectionStore;
import dev.bridgekeeper.connection.internal.ConnectionViews;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.crypto.SecretSealer;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front door of the connection module: creates and removes connections and moves them through
 * their lifecycle. Every status change goes through the transition table and publishes an event
 * in the same transaction.
 */
@Service
public class ConnectionManagement {

    private final ConnectionStore store;
    private final ConnectionViews views;
    private final ConnectionQuery query;
    private final CompanyDirectory companies;
    private final IntegrationCatalog catalog;
    private final SecretSealer sealer;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ConnectionManagement(ConnectionStore store, ConnectionViews views, ConnectionQuery query,
            CompanyDirectory companies, IntegrationCatalog catalog, SecretSealer sealer,
            ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.store = store;
        this.views = views;
        this.query = query;
        this.companies = companies;
        this.catalog = catalog;
        this.sealer = sealer;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PagedResults<Connection> list(UUID clientId, UUID companyId, PageRequest page, String queryText,
            String orderBy) {
        companies.require(clientId, companyId);
        ConnectionStore.Slice slice = store.list(clientId, companyId, query.filter(queryText), query.orderBy(orderBy),
                page.pageSize(), page.offset());
        Map<String, String> carried = new java.util.LinkedHashMap<>();
        carried.put("query", queryText);
        carried.put("orderBy", orderBy);
        return PagedResults.of(slice.rows().stream().map(views::view).toList(), page, slice.total(),
                "/companies/" + companyId + "/connections", carried);
    }

    /** When the customer first authorised each of the company's connections (for connection management). */
    @Transactional(readOnly = true)
    public Map<UUID, Instant> firstLinked(UUID clientId, UUID companyId) {
        companies.require(clientId, companyId);
        return store.firstLinked(clientId, companyId);
    }

    @Transactional
    public Connection create(UUID clientId, UUID companyId, String platformKey) {
        if (platformKey == null || platformKey.isBlank()) {
            new ValidationErrors().reject("platformKey", "\"platformKey\" is required, e.g. \"sbac\".").throwIfAny();
        }
        companies.require(clientId, companyId);
        Integration integration = catalog.find(platformKey).orElseThrow(() -> ApiException.badRequest("platformKey",
                "\"platformKey\" " + platformKey + " is not an integration of this instance; GET /integrations"
                        + " lists them."));
        if (!integration.enabled()) {
            throw ApiException.badRequest("platformKey", "Integration " + platformKey + " is not enabled.");
        }
        if (integration.sourceType() == SourceType.Accounting && store.hasAccountingConnection(companyId)) {
            throw ApiException.conflict("Company " + companyId + " already has an accounting connection; a company"
                    + " can have only one. Delete it before connecting another accounting platform.");
        }
        Instant now = now();
        ConnectionRow row = new ConnectionRow(UUID.randomUUID(), companyId, integration.key(),
                integration.sourceType().name(), ConnectionStatus.PendingAuth, now, null, List.of(), null);
        try {
            store.insert(clientId, row);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw ApiException.conflict("Company " + companyId + " already has an accounting connection.");
        }
        Connection connection = views.view(row);
        events.publishEvent(new ConnectionCreated(clientId, companyId, connection, now));
        return connection;
    }

    @Transactional(readOnly = true)
    public Connection get(UUID clientId, UUID companyId, UUID connectionId) {
        return views.view(require(clientId, companyId, connectionId, false));
    }

    /**
     * Deletes the connection. The event is published just before the row goes (same transaction),
     * so listeners that own data tied to the row, such as its tokens, can still read it.
     */
    /**
     * A pull from the connection completed at {@code completed}: Codat's {@code lastSync}. Never moves back in
     * time. Joins the caller's transaction.
     */
    @Transactional
    public void recordSync(UUID clientId, UUID companyId, UUID connectionId, java.time.Instant completed) {
        store.recordSync(clientId, companyId, connectionId, completed);
    }

    @Transactional
    public void delete(UUID clientId, UUID companyId, UUID connectionId) {
        ConnectionRow row = require(clientId, companyId, connectionId, true);
        events.publishEvent(new ConnectionDeleted(clientId, companyId, views.view(row), now()));
        store.delete(clientId, connectionId);
    }

    /** Where a customer's browser on a linkUrl is headed: found by its ids alone, as the browser has no key. */
    @Transactional(readOnly = true)
    public java.util.Optional<LinkTarget> findForLink(UUID companyId, UUID connectionId) {
        return store.findForLink(companyId, connectionId)
                .map(found -> new LinkTarget(found.clientId(), views.view(found.row())));
    }

    /** A connection as seen from its linkUrl, with the client it belongs to. */
    public record LinkTarget(UUID clientId, Connection connection) {}

    /** PATCH {@code {"status": "Unlinked"}}: the only status a caller may set, and only on a Linked connection. */
    @Transactional
    public Connection unlink(UUID clientId, UUID companyId, UUID connectionId, ConnectionStatus requested) {
        if (requested != ConnectionStatus.Unlinked) {
            throw ApiException.badRequest("status", "\"status\" can only be set to \"Unlinked\".");
        }
        ConnectionRow row = require(clientId, companyId, connectionId, true);
        if (row.status() != ConnectionStatus.Linked) {
            throw ApiException.conflict("Connection " + connectionId + " is " + row.status()
                    + "; only a Linked connection can be unlinked.");
        }
        return change(clientId, row, ConnectionStatus.Unlinked, row.errors(), row.connectionInfo());
    }

    /** PUT .../authorization: properties for platforms authorised by credentials; stored sealed, never echoed. */
    @Transactional
    public Connection updateAuthorization(UUID clientId, UUID companyId, UUID connectionId,
            Map<String, String> properties) {
        ValidationErrors errors = new ValidationErrors();
        if (properties == null) {
            errors.reject("body", "The body must be a JSON object of string properties.");
        } else if (properties.size() > 50) {
            errors.reject("body", "At most 50 authorization properties can be sent.");
        } else {
            properties.forEach((key, value) -> {
                if (key.isBlank() || key.length() > 100) {
                    errors.reject(key, "Property names must be 1 to 100 characters.");
                }
                if (value == null || value.length() > 10_000) {
                    errors.reject(key, "Property \"" + key + "\" must be a string of at most 10,000 characters.");
                }
            });
        }
        errors.throwIfAny();
        ConnectionRow row = require(clientId, companyId, connectionId, true);
        store.updateAuthorization(clientId, connectionId,
                sealer.seal(json.writeValueAsString(properties), "connection-authorization:" + connectionId));
        return views.view(row);
    }

    /**
     * The customer authorised the platform: Linked, with the platform-side identity. Reports
     * {@link ConnectionConnected} the first time and {@link ConnectionReconnected} afterwards.
     */
    @Transactional
    public Connection markLinked(UUID clientId, UUID companyId, UUID connectionId, Map<String, Object> connectionInfo) {
        ConnectionRow row = require(clientId, companyId, connectionId, true);
        List<DataConnectionError> resolved = row.errors().stream()
                .map(e -> "Active".equals(e.status()) ? e.resolved(now()) : e).toList();
        if (row.status() == ConnectionStatus.Linked) {
            // authorised again while still linked: fresh identity, no status change and no event
            ConnectionRow updated = new ConnectionRow(row.id(), row.companyId(), row.platformKey(), row.sourceType(),
                    row.status(), row.created(), row.lastSync(), resolved, connectionInfo);
            store.update(clientId, updated);
            return views.view(updated);
        }
        return change(clientId, row, ConnectionStatus.Linked, resolved, connectionInfo);
    }

    /** The platform refused our credentials (e.g. {@code invalid_grant}): Deauthorized with the reason. */
    @Transactional
    public Connection markDeauthorized(UUID clientId, UUID companyId, UUID connectionId, String errorMessage) {
        ConnectionRow row = require(clientId, companyId, connectionId, true);
        List<DataConnectionError> errors = new ArrayList<>(row.errors());
        errors.add(DataConnectionError.active("401", "Unauthorized", errorMessage, now()));
        return change(clientId, row, ConnectionStatus.Deauthorized, errors, row.connectionInfo());
    }

    /** An authorisation attempt failed or was cancelled; the status stays as it was. */
    @Transactional
    public Connection recordFailure(UUID clientId, UUID companyId, UUID connectionId, String statusCode,
            String statusText, String errorMessage) {
        ConnectionRow row = require(clientId, companyId, connectionId, true);
        List<DataConnectionError> errors = new ArrayList<>(row.errors());
        Instant now = now();
        errors.add(DataConnectionError.active(statusCode, statusText, errorMessage, now));
        ConnectionRow updated = new ConnectionRow(row.id(), row.companyId(), row.platformKey(), row.sourceType(),
                row.status(), row.created(), row.lastSync(), errors, row.connectionInfo());
        store.update(clientId, updated);
        Connection connection = views.view(updated);
        events.publishEvent(new ConnectionFailed(clientId, companyId, connection, now));
        return connection;
    }

    private Connection change(UUID clientId, ConnectionRow row, ConnectionStatus to, List<DataConnectionError> errors,
            Map<String, Object> connectionInfo) {
        ConnectionStatusChange.check(row.status(), to);
        Instant now = now();
        ConnectionRow updated = new ConnectionRow(row.id(), row.companyId(), row.platformKey(), row.sourceType(), to,
                row.created(), row.lastSync(), errors, connectionInfo);
        store.update(clientId, updated);
        Connection connection = views.view(updated);
        UUID companyId = row.companyId();
        events.publishEvent(switch (to) {
            case Linked -> row.status() == ConnectionStatus.PendingAuth
                    ? new ConnectionConnected(clientId, companyId, connection, now)
                    : new ConnectionReconnected(clientId, companyId, connection, now);
            case Unlinked, Deauthorized -> new ConnectionDisconnected(clientId, companyId, connection, now);
            case PendingAuth -> throw new IllegalStateException("No transition leads back to PendingAuth");
        });
        return connection;
    }

    private ConnectionRow require(UUID clientId, UUID companyId, UUID connectionId, boolean forUpdate) {
        companies.require(clientId, companyId);
        return (forUpdate ? store.findForUpdate(clientId, companyId, connectionId)
                : store.find(clientId, companyId, connectionId))
                .orElseThrow(() -> ApiException.notFound("Connection " + connectionId + " does not exist for company "
                        + companyId + "."));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
