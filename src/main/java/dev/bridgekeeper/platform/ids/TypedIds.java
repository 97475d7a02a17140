package dev.bridgekeeper.platform.ids;

import dev.bridgekeeper.platform.error.ApiException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing shared by the typed ids: the text of a UUID, or a 400 naming the field it came from. */
final class TypedIds {

    // the canonical 8-4-4-4-12 form only: UUID.fromString also takes "1-2-3-4-5", which is no id we issue
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private TypedIds() {}

    /** The same sentence Spring's type mismatch on a {@code UUID} path variable answers with, so both read alike. */
    static UUID parse(String text, String field) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ApiException.badRequest(field,
                    "\"" + field + "\" must be a UUID such as 8a210b68-6988-11ed-a1eb-0242ac120002.");
        }
        return UUID.fromString(text);
    }
}
