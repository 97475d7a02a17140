package dev.bridgekeeper.connection;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * What happened to a connection, published in the transaction that made it happen. Each event carries the
 * company (so listeners such as the webhook outbox need not read it) and the connection as it was right after
 * the change.
 */
public sealed interface ConnectionEvent permits ConnectionCreated, ConnectionConnected, ConnectionReconnected,
        ConnectionDisconnected, ConnectionFailed, ConnectionDeleted {

    ClientId clientId();

    CompanyReference company();

    DataConnection connection();

    Instant at();
}
