package dev.bridgekeeper.platform.ids;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * A company: one of a client's small-business customers. Its text form is the UUID's, so it reads in
 * logs, messages and paths exactly as the plain UUID did; SQL takes {@link #value()}.
 */
public record CompanyId(UUID value) {

    public CompanyId {
        Objects.requireNonNull(value, "CompanyId needs a UUID");
    }

    public static CompanyId of(UUID value) {
        return new CompanyId(value);
    }

    /** Parses the id from a path or body; bad text is a 400 naming {@code companyId}. */
    public static CompanyId of(String text) {
        return new CompanyId(TypedIds.parse(text, "companyId"));
    }

    /** Parses an id that arrived in {@code field} (e.g. a body property); bad text is a 400 naming it. */
    public static CompanyId of(String text, String field) {
        return new CompanyId(TypedIds.parse(text, field));
    }

    public static CompanyId random() {
        return new CompanyId(UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
