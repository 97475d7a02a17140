package dev.bridgekeeper.sync.internal;

import static dev.bridgekeeper.sync.PullOperationStatus.AuthError;
import static dev.bridgekeeper.sync.PullOperationStatus.Cancelled;
import static dev.bridgekeeper.sync.PullOperationStatus.Complete;
import static dev.bridgekeeper.sync.PullOperationStatus.FetchError;
import static dev.bridgekeeper.sync.PullOperationStatus.Fetching;
import static dev.bridgekeeper.sync.PullOperationStatus.Initial;
import static dev.bridgekeeper.sync.PullOperationStatus.InternalError;
import static dev.bridgekeeper.sync.PullOperationStatus.MapError;
import static dev.bridgekeeper.sync.PullOperationStatus.Mapping;
import static dev.bridgekeeper.sync.PullOperationStatus.NotSupported;
import static dev.bridgekeeper.sync.PullOperationStatus.Queued;
import static dev.bridgekeeper.sync.PullOperationStatus.RateLimitError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.sync.PullOperationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (from, to) pair of pull-operation statuses, legal or not, against the table written out by hand. */
class SyncTransitionsTest {

    private static final Set<List<PullOperationStatus>> LEGAL = Set.of(
            List.of(Initial, Queued), List.of(Initial, Cancelled),
            List.of(Queued, Fetching), List.of(Queued, Cancelled), List.of(Queued, NotSupported),
            List.of(Queued, AuthError), List.of(Queued, FetchError), List.of(Queued, InternalError),
            List.of(Fetching, Mapping), List.of(Fetching, FetchError), List.of(Fetching, AuthError),
            List.of(Fetching, RateLimitError), List.of(Fetching, NotSupported), List.of(Fetching, Cancelled),
            List.of(Fetching, InternalError),
            List.of(Mapping, Complete), List.of(Mapping, MapError), List.of(Mapping, InternalError));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (PullOperationStatus from : PullOperationStatus.values()) {
            for (PullOperationStatus to : PullOperationStatus.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.contains(List.of(from, to))));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} legal: {2}")
    @MethodSource("everyPair")
    void onlyTheTableTransitionsAreAllowed(PullOperationStatus from, PullOperationStatus to, boolean legal) {
        assertThat(SyncTransitions.allowed(from, to)).isEqualTo(legal);
        if (legal) {
            SyncTransitions.check(from, to);
        } else {
            assertThatThrownBy(() -> SyncTransitions.check(from, to))
                    .isInstanceOf(SyncTransitions.IllegalPullOperationTransitionException.class)
                    .hasMessageContaining("cannot go from " + from + " to " + to);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void terminalStatusesHaveNoWayOut(PullOperationStatus status) {
        boolean hasExit = Stream.of(PullOperationStatus.values()).anyMatch(to -> SyncTransitions.allowed(status, to));
        assertThat(hasExit).isEqualTo(!status.isTerminal());
    }

    static Stream<PullOperationStatus> statuses() {
        return Stream.of(PullOperationStatus.values());
    }
}
