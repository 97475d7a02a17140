package dev.bridgekeeper.sync;

/** Codat's dataset statuses, as far as Bridgekeeper's sync uses them; legal moves are in SyncTransitions. */
public enum PullOperationStatus {
    Initial, Queued, Fetching, Mapping, Complete,
    FetchError, MapError, InternalError, AuthError, RateLimitError, NotSupported, Cancelled;

    /** No job works on the dataset any more. */
    public boolean isTerminal() {
        return switch (this) {
            case Complete, FetchError, MapError, InternalError, AuthError, RateLimitError, NotSupported, Cancelled ->
                    true;
            default -> false;
        };
    }

    public boolean isError() {
        return switch (this) {
            case FetchError, MapError, InternalError, AuthError, RateLimitError -> true;
            default -> false;
        };
    }
}
