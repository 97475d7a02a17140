package dev.bridgekeeper.connection.internal;

import static dev.bridgekeeper.connection.ConnectionStatus.Deauthorized;
import static dev.bridgekeeper.connection.ConnectionStatus.Linked;
import static dev.bridgekeeper.connection.ConnectionStatus.PendingAuth;
import static dev.bridgekeeper.connection.ConnectionStatus.Unlinked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.connection.ConnectionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (from, to) pair of statuses, legal or not, against the table written out by hand. */
class ConnectionTransitionsTest {

    private static final Set<List<ConnectionStatus>> LEGAL = Set.of(
            List.of(PendingAuth, Linked),
            List.of(Linked, Unlinked),
            List.of(Linked, Deauthorized),
            List.of(Unlinked, Linked),
            List.of(Deauthorized, Linked));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (ConnectionStatus from : ConnectionStatus.values()) {
            for (ConnectionStatus to : ConnectionStatus.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.contains(List.of(from, to))));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} legal: {2}")
    @MethodSource("everyPair")
    void onlyTheTableTransitionsAreAllowed(ConnectionStatus from, ConnectionStatus to, boolean legal) {
        assertThat(ConnectionTransitions.allowed(from, to)).isEqualTo(legal);
        if (legal) {
            ConnectionStatusChange.check(from, to);
        } else {
            assertThatThrownBy(() -> ConnectionStatusChange.check(from, to))
                    .isInstanceOf(IllegalConnectionTransitionException.class)
                    .hasMessageContaining("cannot go from " + from + " to " + to);
        }
    }
}
