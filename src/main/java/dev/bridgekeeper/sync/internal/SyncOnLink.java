package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.connection.ConnectionConnected;
import dev.bridgekeeper.connection.ConnectionReconnected;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues the first sync when a connection is linked, inside the linking transaction: the connection becomes
 * Linked and its sync jobs exist together, or neither does.
 */
@Component
class SyncOnLink {

    private final SyncService sync;

    SyncOnLink(SyncService sync) {
        this.sync = sync;
    }

    @EventListener
    void on(ConnectionConnected event) {
        sync.queueOnLink(event.clientId().value(), event.company().id().value(), event.connection());
    }

    @EventListener
    void on(ConnectionReconnected event) {
        sync.queueOnLink(event.clientId().value(), event.company().id().value(), event.connection());
    }
}
