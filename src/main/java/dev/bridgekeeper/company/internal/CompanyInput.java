package dev.bridgekeeper.company.internal;

import dev.bridgekeeper.platform.error.ValidationErrors;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for a company's name, description and tags, shared by create, replace and update.
 * Names accept Codat's character set and letters of every script, so a name valid at Codat is
 * valid here and "Müller GmbH" is too.
 */
final class CompanyInput {

    static final int MAX_NAME = 250;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG_KEY = 27;
    static final int MAX_TAG_VALUE = 100;
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{N}\\s\\-',&@.?!]+$");

    private CompanyInput() {}

    static void checkName(ValidationErrors errors, String name, boolean required) {
        if (name == null) {
            if (required) {
                errors.reject("name", "\"name\" is required.");
            }
            return;
        }
        if (name.isBlank()) {
            errors.reject("name", "\"name\" must not be empty.");
        } else if (name.length() > MAX_NAME) {
            errors.reject("name", "\"name\" must be at most " + MAX_NAME + " characters.");
        } else if (!NAME.matcher(name).matches()) {
            errors.reject("name", "\"name\" may contain only letters, digits, spaces and - ' , & @ . ? !");
        }
    }

    static void checkDescription(ValidationErrors errors, String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.reject("description", "\"description\" must be at most " + MAX_DESCRIPTION + " characters.");
        }
    }

    static void checkTags(ValidationErrors errors, Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            errors.reject("tags", "A company can have at most " + MAX_TAGS + " tags (got " + tags.size() + ").");
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_TAG_KEY) {
                errors.reject("tags", "Tag key \"" + key + "\" must be 1 to " + MAX_TAG_KEY + " characters.");
            }
            if (value == null) {
                errors.reject("tags." + key, "Tag \"" + key + "\" must have a string value.");
            } else if (value.length() > MAX_TAG_VALUE) {
                errors.reject("tags." + key, "Tag \"" + key + "\" must be at most " + MAX_TAG_VALUE + " characters.");
            }
        });
    }
}
