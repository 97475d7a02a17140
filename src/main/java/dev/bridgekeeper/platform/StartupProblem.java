package dev.bridgekeeper.platform;

/**
 * A configuration mistake that must stop start-up: its message says what is wrong and what to do,
 * and {@link StartupProblemAnalyzer} prints it as a plain report instead of a stack trace.
 */
public class StartupProblem extends RuntimeException {

    public StartupProblem(String message) {
        super(message);
    }

    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
