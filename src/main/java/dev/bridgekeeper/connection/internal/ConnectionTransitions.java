package dev.bridgekeeper.connection.internal;

import static dev.bridgekeeper.connection.ConnectionStatus.Deauthorized;
import static dev.bridgekeeper.connection.ConnectionStatus.Linked;
import static dev.bridgekeeper.connection.ConnectionStatus.PendingAuth;
import static dev.bridgekeeper.connection.ConnectionStatus.Unlinked;

import dev.bridgekeeper.connection.ConnectionStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one legal-transition table for connection statuses. Nothing sets a status without asking it.
 * <pre>
 *   PendingAuth  → Linked
 *   Linked       → Unlinked, Deauthorized
 *   Unlinked     → Linked          (relinked: same connection id)
 *   Deauthorized → Linked          (reauthorised: same connection id)
 * </pre>
 */
final class ConnectionTransitions {

    private static final Map<ConnectionStatus, Set<ConnectionStatus>> LEGAL = new EnumMap<>(ConnectionStatus.class);

    static {
        LEGAL.put(PendingAuth, EnumSet.of(Linked));
        LEGAL.put(Linked, EnumSet.of(Unlinked, Deauthorized));
        LEGAL.put(Unlinked, EnumSet.of(Linked));
        LEGAL.put(Deauthorized, EnumSet.of(Linked));
    }

    private ConnectionTransitions() {}

    static boolean allowed(ConnectionStatus from, ConnectionStatus to) {
        return LEGAL.get(from).contains(to);
    }

    /** Legal next statuses from {@code from}, for error messages. */
    static Set<ConnectionStatus> from(ConnectionStatus from) {
        return Set.copyOf(LEGAL.get(from));
    }
}
