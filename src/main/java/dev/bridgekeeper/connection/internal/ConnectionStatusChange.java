package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.connection.ConnectionStatus;

/** Asks the transition table before any status is written; an illegal change is a programming error. */
final class ConnectionStatusChange {

    private ConnectionStatusChange() {}

    static void check(ConnectionStatus from, ConnectionStatus to) {
        if (!ConnectionTransitions.allowed(from, to)) {
            throw new IllegalConnectionTransitionException(from, to, ConnectionTransitions.from(from));
        }
    }
}
