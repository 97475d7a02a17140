package dev.bridgekeeper.oauth.internal;

import java.util.Set;

/**
 * What a connection records of an error the OAuth callback was sent. Anyone with a linkUrl can send the callback
 * any {@code error} they like, so only the codes of RFC 6749 §4.1.2.1 are kept as they are (any other is recorded
 * as {@code unrecognised_error}), and the description is stripped of control characters and cut short.
 */
final class CallbackErrors {

    /** RFC 6749 §4.1.2.1: the error codes of an authorization response. */
    static final Set<String> CODES = Set.of("invalid_request", "unauthorized_client", "access_denied",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable");
    static final String UNRECOGNISED = "unrecognised_error";
    static final int DESCRIPTION_LENGTH = 200;

    private CallbackErrors() {}

    static String code(String error) {
        return error != null && CODES.contains(error) ? error : UNRECOGNISED;
    }

    /** "The platform reported an error: code" and the start of its description, when it sent one. */
    static String describe(String error, String description) {
        String message = error == null ? "The platform sent no authorization code."
                : "The platform reported an error: " + code(error);
        if (description == null || description.isBlank()) {
            return message;
        }
        String clean = description.replaceAll("\\p{Cntrl}", " ").strip();
        if (clean.length() > DESCRIPTION_LENGTH) {
            clean = clean.substring(0, DESCRIPTION_LENGTH - 1) + "…";
        }
        return clean.isEmpty() ? message : message + " (" + clean + ")";
    }
}
