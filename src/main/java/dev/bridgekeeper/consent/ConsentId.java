package dev.bridgekeeper.consent;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A consent record. Its text form is the UUID's, as the API and webhooks show it; SQL takes {@link #value()}. */
public record ConsentId(UUID value) {

    public ConsentId {
        Objects.requireNonNull(value, "ConsentId needs a UUID");
    }

    public static ConsentId of(UUID value) {
        return new ConsentId(value);
    }

    public static ConsentId random() {
        return new ConsentId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
