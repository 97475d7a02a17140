package dev.bridgekeeper.platform.ids;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * A client (tenant): one lender using this instance, owner of every row it creates. Its text form is the UUID's, so it reads in
 * logs, messages and paths exactly as the plain UUID did; SQL takes {@link #value()}.
 */
public record ClientId(UUID value) {

    public ClientId {
        Objects.requireNonNull(value, "ClientId needs a UUID");
    }

    public static ClientId of(UUID value) {
        return new ClientId(value);
    }

    /** Parses the id from a path or body; bad text is a 400 naming {@code clientId}. */
    public static ClientId of(String text) {
        return new ClientId(TypedIds.parse(text, "clientId"));
    }

    /** Parses an id that arrived in {@code field} (e.g. a body property); bad text is a 400 naming it. */
    public static ClientId of(String text, String field) {
        return new ClientId(TypedIds.parse(text, field));
    }

    public static ClientId random() {
        return new ClientId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
