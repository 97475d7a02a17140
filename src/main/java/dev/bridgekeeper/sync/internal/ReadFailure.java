package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.sync.PullOperationStatus;

/** A reader gave up: the dataset ends in {@code status} with the message. */
class ReadFailure extends RuntimeException {

    private final PullOperationStatus status;

    ReadFailure(PullOperationStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    PullOperationStatus status() {
        return status;
    }
}
