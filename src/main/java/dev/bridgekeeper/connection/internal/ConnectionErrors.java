package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.connection.DataConnectionError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bounded list of a connection's errors. Anyone holding a linkUrl can make an authorisation fail again and
 * again, so a connection keeps at most {@link #KEPT} errors (the newest), each message at most
 * {@link #MESSAGE_LENGTH} characters, and a failure already active on it is recorded once (its time moved on)
 * rather than again.
 */
final class ConnectionErrors {

    static final int KEPT = 10;
    static final int MESSAGE_LENGTH = 500;

    private ConnectionErrors() {}

    /** The list after {@code error}, and whether it repeats an error that was already active. */
    record Added(List<DataConnectionError> errors, boolean repeated) {}

    static Added add(List<DataConnectionError> existing, DataConnectionError error) {
        DataConnectionError capped = DataConnectionError.active(error.statusCode(), error.statusText(),
                cap(error.errorMessage()), error.erroredOnUtc());
        List<DataConnectionError> errors = new ArrayList<>(existing.size() + 1);
        boolean repeated = false;
        for (DataConnectionError e : existing) {
            if (sameActive(e, capped)) {
                repeated = true;
            } else {
                errors.add(e);
            }
        }
        errors.add(capped);
        return new Added(List.copyOf(errors.subList(Math.max(0, errors.size() - KEPT), errors.size())), repeated);
    }

    static String cap(String message) {
        if (message == null || message.length() <= MESSAGE_LENGTH) {
            return message;
        }
        return message.substring(0, MESSAGE_LENGTH - 1) + "…";
    }

    private static boolean sameActive(DataConnectionError e, DataConnectionError error) {
        return "Active".equals(e.status()) && Objects.equals(e.statusCode(), error.statusCode())
                && Objects.equals(e.statusText(), error.statusText())
                && Objects.equals(e.errorMessage(), error.errorMessage());
    }
}
