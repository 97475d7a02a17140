package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.ConnectionConnected;
import dev.bridgekeeper.connection.ConnectionCreated;
import dev.bridgekeeper.connection.ConnectionDeleted;
import dev.bridgekeeper.connection.ConnectionDisconnected;
import dev.bridgekeeper.connection.ConnectionFailed;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionReconnected;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connection.DataConnectionError;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.crypto.SecretSealer;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connection module's front door ({@link ConnectionManagement}) and the operations only its own controller
 * offers (the paged list, delete, authorization properties). Every status change asks the transition table and
 * publishes its event, with the company it belongs to, in the same transaction.
 */
@Service
class ConnectionService implements ConnectionManagement {

    private final ConnectionStore store;
    private final ConnectionViews views;
    private final ConnectionQuery query;
    private final CompanyDirectory companies;
    private final IntegrationCatalog catalog;
    private final SecretSealer sealer;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final ConnectionsPerCompany cap;

    ConnectionService(ConnectionStore store, ConnectionViews views, ConnectionQuery query, CompanyDirectory companies,
            IntegrationCatalog catalog, SecretSealer sealer, ApplicationEventPublisher events, JsonMapper json,
            Clock clock, ConnectionsPerCompany cap) {
        this.store = store;
        this.views = views;
        this.query = query;
        this.companies = companies;
        this.catalog = catalog;
        this.sealer = sealer;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.cap = cap;
    }

    /** One page of the company's connections for Codat's list endpoint, filtered and ordered as asked. */
    @Transactional(readOnly = true)
    Slice<DataConnection> list(ClientId clientId, CompanyId companyId, PageRequest page, String queryText,
            String orderBy) {
        companies.require(clientId, companyId);
        ConnectionStore.Slice slice = store.list(clientId.value(), companyId.value(), query.filter(queryText),
                query.orderBy(orderBy), page.pageSize(), page.offset());
        return new Slice<>(slice.rows().stream().map(views::view).toList(), slice.total());
    }

    @Override
    @Transactional(readOnly = true)
    public List<DataConnection> all(ClientId clientId, CompanyId companyId) {
        companies.require(clientId, companyId);
        return store.ofCompany(clientId.value(), companyId.value(), null).stream().map(views::view).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DataConnection> linked(ClientId clientId, CompanyId companyId) {
        companies.require(clientId, companyId);
        return store.ofCompany(clientId.value(), companyId.value(), ConnectionStatus.Linked).stream()
                .map(views::view).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<ConnectionId, Instant> firstLinked(ClientId clientId, CompanyId companyId) {
        companies.require(clientId, companyId);
        return store.firstLinked(clientId.value(), companyId.value()).entrySet().stream()
                .collect(Collectors.toMap(e -> ConnectionId.of(e.getKey()), Map.Entry::getValue));
    }

    @Override
    @Transactional
    public DataConnection create(ClientId clientId, CompanyId companyId, String platformKey) {
        if (platformKey == null || platformKey.isBlank()) {
            new ValidationErrors().reject("platformKey", "\"platformKey\" is required, e.g. \"sbac\".").throwIfAny();
        }
        CompanyReference company = companies.require(clientId, companyId);
        // unknown, or a sandbox platform while the sandboxes are off: the catalog's reason names which
        Integration integration = catalog.find(platformKey).orElseThrow(() -> ApiException.badRequest("platformKey",
                catalog.unavailableReason(clientId, platformKey).orElse("\"platformKey\" " + platformKey
                        + " is not an integration of this instance; GET /integrations lists them.")));
        // the catalog's switch and the app credentials (the message names the setting to fill in)
        catalog.unavailableReason(clientId, integration.key()).ifPresent(reason -> {
            throw ApiException.badRequest("platformKey", reason);
        });
        if (integration.sourceType() == SourceType.Accounting && store.hasAccountingConnection(companyId.value())) {
            throw ApiException.conflict("Company " + companyId + " already has an accounting connection; a company"
                    + " can have only one. Delete it before connecting another accounting platform.");
        }
        cap.checkRoomFor(companyId);
        Instant now = now();
        ConnectionRow row = new ConnectionRow(UUID.randomUUID(), companyId.value(), integration.key(),
                integration.sourceType().name(), ConnectionStatus.PendingAuth, now, null, List.of(), null);
        try {
            store.insert(clientId.value(), row);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Company " + companyId + " already has an accounting connection.");
        }
        DataConnection connection = views.view(row);
        events.publishEvent(new ConnectionCreated(clientId, company, connection, now));
        return connection;
    }

    @Override
    @Transactional(readOnly = true)
    public DataConnection get(ClientId clientId, CompanyId companyId, ConnectionId connectionId) {
        return views.view(require(clientId, companyId, connectionId, RowLock.NONE).row());
    }

    @Override
    @Transactional
    public void recordSync(ClientId clientId, CompanyId companyId, ConnectionId connectionId, Instant completed) {
        store.recordSync(clientId.value(), companyId.value(), connectionId.value(), completed);
    }

    /**
     * Deletes the connection. The event is published just before the row goes (same transaction),
     * so listeners that own data tied to the row, such as its tokens, can still read it. The company row is locked
     * before the connection row, as the pulls writing the connection's data and the company's own delete lock them.
     */
    @Transactional
    void delete(ClientId clientId, CompanyId companyId, ConnectionId connectionId) {
        Locked locked = require(clientId, companyId, connectionId, RowLock.DELETE);
        events.publishEvent(new ConnectionDeleted(clientId, locked.company(), views.view(locked.row()), now()));
        store.delete(clientId.value(), connectionId.value());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LinkTarget> findForLink(CompanyId companyId, ConnectionId connectionId) {
        return store.findForLink(companyId.value(), connectionId.value())
                .map(found -> new LinkTarget(ClientId.of(found.clientId()), views.view(found.row())));
    }

    @Override
    @Transactional
    public DataConnection unlink(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            ConnectionStatus requested) {
        if (requested != ConnectionStatus.Unlinked) {
            throw ApiException.badRequest("status", "\"status\" can only be set to \"Unlinked\".");
        }
        Locked locked = require(clientId, companyId, connectionId, RowLock.CHANGE);
        ConnectionRow row = locked.row();
        if (row.status() != ConnectionStatus.Linked) {
            throw ApiException.conflict("Connection " + connectionId + " is " + row.status()
                    + "; only a Linked connection can be unlinked.");
        }
        return change(clientId, locked, ConnectionStatus.Unlinked, row.errors(), row.connectionInfo());
    }

    /** PUT .../authorization: properties for platforms authorised by credentials; stored sealed, never echoed. */
    @Transactional
    DataConnection updateAuthorization(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
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
        ConnectionRow row = require(clientId, companyId, connectionId, RowLock.CHANGE).row();
        store.updateAuthorization(clientId.value(), connectionId.value(),
                sealer.seal(json.writeValueAsString(properties), "connection-authorization:" + connectionId));
        return views.view(row);
    }

    @Override
    @Transactional
    public DataConnection markLinked(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            Map<String, Object> connectionInfo) {
        Locked locked = require(clientId, companyId, connectionId, RowLock.CHANGE);
        ConnectionRow row = locked.row();
        List<DataConnectionError> resolved = row.errors().stream()
                .map(e -> "Active".equals(e.status()) ? e.resolved(now()) : e).toList();
        if (row.status() == ConnectionStatus.Linked) {
            // authorised again while still linked: fresh identity, no status change and no event
            ConnectionRow updated = new ConnectionRow(row.id(), row.companyId(), row.platformKey(), row.sourceType(),
                    row.status(), row.created(), row.lastSync(), resolved, connectionInfo);
            store.update(clientId.value(), updated);
            return views.view(updated);
        }
        return change(clientId, locked, ConnectionStatus.Linked, resolved, connectionInfo);
    }

    @Override
    @Transactional
    public DataConnection markDeauthorized(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String errorMessage) {
        Locked locked = require(clientId, companyId, connectionId, RowLock.CHANGE);
        List<DataConnectionError> errors = ConnectionErrors.add(locked.row().errors(),
                DataConnectionError.active("401", "Unauthorized", errorMessage, now())).errors();
        return change(clientId, locked, ConnectionStatus.Deauthorized, errors, locked.row().connectionInfo());
    }

    @Override
    @Transactional
    public DataConnection recordFailure(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String statusCode, String statusText, String errorMessage) {
        Locked locked = require(clientId, companyId, connectionId, RowLock.CHANGE);
        ConnectionRow row = locked.row();
        Instant now = now();
        ConnectionErrors.Added added = ConnectionErrors.add(row.errors(),
                DataConnectionError.active(statusCode, statusText, errorMessage, now));
        ConnectionRow updated = new ConnectionRow(row.id(), row.companyId(), row.platformKey(), row.sourceType(),
                row.status(), row.created(), row.lastSync(), added.errors(), row.connectionInfo());
        store.update(clientId.value(), updated);
        DataConnection connection = views.view(updated);
        // a Linked connection still works (anyone with its linkUrl can fail a re-authorisation), and a repeat of an
        // error that is already active tells the lender nothing new
        if (row.status() != ConnectionStatus.Linked && !added.repeated()) {
            events.publishEvent(new ConnectionFailed(clientId, locked.company(), connection, now));
        }
        return connection;
    }

    private DataConnection change(ClientId clientId, Locked locked, ConnectionStatus to,
            List<DataConnectionError> errors, Map<String, Object> connectionInfo) {
        ConnectionRow row = locked.row();
        ConnectionStatusChange.check(row.status(), to);
        Instant now = now();
        ConnectionRow updated = new ConnectionRow(row.id(), row.companyId(), row.platformKey(), row.sourceType(), to,
                row.created(), row.lastSync(), errors, connectionInfo);
        store.update(clientId.value(), updated);
        DataConnection connection = views.view(updated);
        CompanyReference company = locked.company();
        events.publishEvent(switch (to) {
            case Linked -> row.status() == ConnectionStatus.PendingAuth
                    ? new ConnectionConnected(clientId, company, connection, now)
                    : new ConnectionReconnected(clientId, company, connection, now);
            case Unlinked, Deauthorized -> new ConnectionDisconnected(clientId, company, connection, now);
            case PendingAuth -> throw new IllegalStateException("No transition leads back to PendingAuth");
        });
        return connection;
    }

    /** A connection row read (or locked) with the company it belongs to, which its events carry. */
    private record Locked(CompanyReference company, ConnectionRow row) {}

    /** How {@link #require} locks the connection row: not at all, to change it, or to delete it. */
    private enum RowLock { NONE, CHANGE, DELETE }

    private Locked require(ClientId clientId, CompanyId companyId, ConnectionId connectionId, RowLock lock) {
        CompanyReference company = companies.require(clientId, companyId);
        ConnectionRow row = (lock == RowLock.NONE
                ? store.find(clientId.value(), companyId.value(), connectionId.value())
                : store.findForUpdate(clientId.value(), companyId.value(), connectionId.value(),
                        lock == RowLock.DELETE))
                .orElseThrow(() -> ApiException.notFound("Connection " + connectionId + " does not exist for company "
                        + companyId + "."));
        return new Locked(company, row);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
