package dev.bridgekeeper.files;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** An uploaded file. Its text form is the UUID's; SQL takes {@link #value()}. */
public record FileId(UUID value) {

    public FileId {
        Objects.requireNonNull(value, "FileId needs a UUID");
    }

    public static FileId of(UUID value) {
        return new FileId(value);
    }

    public static FileId random() {
        return new FileId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
