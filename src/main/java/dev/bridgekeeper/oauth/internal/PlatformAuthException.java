package dev.bridgekeeper.oauth.internal;

/** A platform's OAuth error answer ({@code error} and {@code error_description}), or a failure to reach it. */
class PlatformAuthException extends RuntimeException {

    private final String error;

    PlatformAuthException(String error, String description) {
        super(description == null || description.isBlank() ? error : error + ": " + description, null, false, false);
        this.error = error;
    }

    /** The OAuth error code, e.g. {@code invalid_grant}; {@code unreachable} when the platform did not answer. */
    String error() {
        return error;
    }

    boolean isInvalidGrant() {
        return "invalid_grant".equals(error);
    }
}
