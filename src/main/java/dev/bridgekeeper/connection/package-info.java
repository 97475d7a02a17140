/**
 * Data connections: one company's link to one platform, and their status machine (PendingAuth, Linked, Unlinked,
 * Deauthorized; one transition table). Other modules use {@link dev.bridgekeeper.connection.ConnectionManagement},
 * which answers {@link dev.bridgekeeper.connection.DataConnection}s, and hear the
 * {@link dev.bridgekeeper.connection.ConnectionEvent}s. {@link dev.bridgekeeper.connection.Connection} is Codat's
 * wire shape of a connection, shared by the API and webhook payloads.
 */
@ApplicationModule(displayName = "Connections")
package dev.bridgekeeper.connection;

import org.springframework.modulith.ApplicationModule;
