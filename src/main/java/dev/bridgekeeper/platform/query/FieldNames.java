package dev.bridgekeeper.platform.query;

import java.util.regex.Pattern;

/**
 * The one definition of a field name, shared by the parsers and the mapping: an ASCII letter or "_", then
 * letters, digits and "_", with "." between non-empty segments. Nothing else, so a name is always safe to
 * place inside SQL text such as a jsonb path literal.
 */
final class FieldNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    private FieldNames() {
    }

    static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    static boolean isStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isPart(char c) {
        return isStart(c) || (c >= '0' && c <= '9');
    }

    /**
     * Reads the field name that starts at {@code start} (where {@link #isStart} holds) and returns the index
     * just past it.
     */
    static int scan(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isPart(c)) {
                i++;
            } else if (c == '.') {
                if (i + 1 >= text.length() || !isPart(text.charAt(i + 1))) {
                    throw new QuerySyntaxException(
                            "Expected a letter, digit or \"_\" after \".\" in a field name", i + 1);
                }
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
