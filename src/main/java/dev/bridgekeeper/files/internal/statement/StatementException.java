package dev.bridgekeeper.files.internal.statement;

/** A statement that cannot be read; the message says where and why, for the uploader. */
public final class StatementException extends Exception {

    public StatementException(String message) {
        super(message, null, false, false);
    }
}
