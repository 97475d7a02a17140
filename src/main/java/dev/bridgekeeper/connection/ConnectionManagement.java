package dev.bridgekeeper.connection;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Front door of the connection module: creates connections, reads them and moves them through their lifecycle.
 * Every status change goes through the transition table and publishes a {@link ConnectionEvent} in the same
 * transaction. Methods taking a company answer 404 when it is not the client's, and those taking a connection
 * answer 404 when it is not the company's.
 */
public interface ConnectionManagement {

    /**
     * A new PendingAuth connection to the platform: 400 for an unknown or disabled platform, 409 for a second
     * accounting connection.
     */
    DataConnection create(ClientId clientId, CompanyId companyId, String platformKey);

    DataConnection get(ClientId clientId, CompanyId companyId, ConnectionId connectionId);

    /** Every connection of the company, oldest first, however many there are. */
    List<DataConnection> all(ClientId clientId, CompanyId companyId);

    /** The company's Linked connections, oldest first, however many there are. */
    List<DataConnection> linked(ClientId clientId, CompanyId companyId);

    /** When the customer first authorised each of the company's connections; those never Linked are absent. */
    Map<ConnectionId, Instant> firstLinked(ClientId clientId, CompanyId companyId);

    /** Where a customer's browser on a linkUrl is headed: found by its ids alone, as the browser has no key. */
    Optional<LinkTarget> findForLink(CompanyId companyId, ConnectionId connectionId);

    /** A connection as seen from its linkUrl, with the client it belongs to. */
    record LinkTarget(ClientId clientId, DataConnection connection) {}

    /**
     * Codat's PATCH {@code {"status": "Unlinked"}}: the only status a caller may set (400 for any other), and only
     * on a Linked connection (409 otherwise).
     */
    DataConnection unlink(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            ConnectionStatus requested);

    /**
     * The customer authorised the platform: Linked, with the platform-side identity. Publishes
     * {@link ConnectionConnected} the first time and {@link ConnectionReconnected} afterwards; authorised again
     * while still Linked, only the identity changes and nothing is published.
     */
    DataConnection markLinked(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            Map<String, Object> connectionInfo);

    /** The platform refused our credentials (e.g. {@code invalid_grant}): Deauthorized with the reason. */
    DataConnection markDeauthorized(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String errorMessage);

    /**
     * An authorisation attempt failed or was cancelled; the status stays as it was. The connection keeps its newest
     * errors only, messages capped, an error already active recorded once; {@code connection.failed} is published
     * unless the connection is Linked or the error was already active.
     */
    DataConnection recordFailure(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String statusCode, String statusText, String errorMessage);

    /**
     * A pull from the connection completed at {@code completed}: Codat's {@code lastSync}. Never moves back in
     * time. Joins the caller's transaction.
     */
    void recordSync(ClientId clientId, CompanyId companyId, ConnectionId connectionId, Instant completed);
}
