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

import dev.bridgekeeper.sync.PullOperationStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of legal pull-operation status changes. A dataset is born Queued (or Initial); a job moves it
 * to Fetching, then Mapping while its pages are merged, then Complete; any step may end in the error that
 * stopped it. Terminal statuses have no way out: a new sync is a new dataset.
 */
final class SyncTransitions {

    private static final Map<PullOperationStatus, Set<PullOperationStatus>> LEGAL = Map.of(
            Initial, EnumSet.of(Queued, Cancelled),
            Queued, EnumSet.of(Fetching, Cancelled, NotSupported, AuthError, FetchError, InternalError),
            Fetching, EnumSet.of(Mapping, FetchError, AuthError, RateLimitError, NotSupported, Cancelled,
                    InternalError),
            Mapping, EnumSet.of(Complete, MapError, InternalError));

    private SyncTransitions() {}

    static boolean allowed(PullOperationStatus from, PullOperationStatus to) {
        return LEGAL.getOrDefault(from, Set.of()).contains(to);
    }

    /** Throws when the move is not in the table; every status change goes through here. */
    static void check(PullOperationStatus from, PullOperationStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalPullOperationTransitionException(from, to);
        }
    }

    static class IllegalPullOperationTransitionException extends IllegalStateException {
        IllegalPullOperationTransitionException(PullOperationStatus from, PullOperationStatus to) {
            super("A pull operation cannot go from " + from + " to " + to);
        }
    }
}
