package dev.bridgekeeper.connection;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to connections, published in the transaction that made it happen. Each carries
 * the connection as it was right after the change, so listeners (webhooks, sync) need no lookup.
 */
public final class ConnectionEvents {

    private ConnectionEvents() {}

    public record ConnectionCreated(UUID clientId, UUID companyId, Connection connection, Instant at) {}

    /** PendingAuth → Linked: the first successful authorisation. */
    public record ConnectionConnected(UUID clientId, UUID companyId, Connection connection, Instant at) {}

    /** Unlinked or Deauthorized → Linked: the same connection authorised again. */
    public record ConnectionReconnected(UUID clientId, UUID companyId, Connection connection, Instant at) {}

    /** Linked → Unlinked (by the lender or customer) or Deauthorized (by the platform). */
    public record ConnectionDisconnected(UUID clientId, UUID companyId, Connection connection, Instant at) {}

    /** An authorisation attempt that did not succeed (cancelled, denied, failed). */
    public record ConnectionFailed(UUID clientId, UUID companyId, Connection connection, Instant at) {}

    public record ConnectionDeleted(UUID clientId, UUID companyId, Connection connection, Instant at) {}
}
