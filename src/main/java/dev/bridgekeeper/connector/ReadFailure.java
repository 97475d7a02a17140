package dev.bridgekeeper.connector;

/** A read gave up; the pull ends with the status of the kind and the message. */
public class ReadFailure extends RuntimeException {

    public enum Kind {
        /** The platform does not offer the data type (NotSupported). */
        NOT_SUPPORTED,
        /** The platform refused the connection's credentials (AuthError). */
        AUTH_ERROR,
        /** The platform's answer could not be used: an error status, a body too large or too slow (FetchError). */
        FETCH_ERROR
    }

    private final Kind kind;

    public ReadFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
