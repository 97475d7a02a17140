package dev.bridgekeeper.platform.error;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Collects every problem with one request body so the caller can fix them all in one go. */
public final class ValidationErrors {

    private final List<ErrorMessage.ValidationItem> items = new ArrayList<>();

    public ValidationErrors reject(String field, String message) {
        items.add(new ErrorMessage.ValidationItem(field, message, "InputValidation"));
        return this;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Throws a 400 naming every rejected field, or returns when there were none. */
    public void throwIfAny() {
        if (items.isEmpty()) {
            return;
        }
        String summary = items.size() == 1
                ? items.get(0).message()
                : "The request has " + items.size() + " invalid fields: "
                        + String.join("; ", items.stream().map(ErrorMessage.ValidationItem::message).toList());
        throw new ApiException(HttpStatus.BAD_REQUEST, summary, items, false);
    }
}
