package dev.bridgekeeper.platform.ids;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * A data connection: one company's link to one platform. Its text form is the UUID's, so it reads in
 * logs, messages and paths exactly as the plain UUID did; SQL takes {@link #value()}.
 */
public record ConnectionId(UUID value) {

    public ConnectionId {
        Objects.requireNonNull(value, "ConnectionId needs a UUID");
    }

    public static ConnectionId of(UUID value) {
        return new ConnectionId(value);
    }

    /** Parses the id from a path or body; bad text is a 400 naming {@code connectionId}. */
    public static ConnectionId of(String text) {
        return new ConnectionId(TypedIds.parse(text, "connectionId"));
    }

    /** Parses an id that arrived in {@code field} (e.g. a body property); bad text is a 400 naming it. */
    public static ConnectionId of(String text, String field) {
        return new ConnectionId(TypedIds.parse(text, field));
    }

    public static ConnectionId random() {
        return new ConnectionId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
