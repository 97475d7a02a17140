package dev.bridgekeeper.connector.quickbooks.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults a test switches on for the next N Accounting API requests (any realm). Each fires in the
 * order: token refusals (401, AuthenticationFault inside an HTTP 200), 429 throttle, 5xx, Fault inside an HTTP 200
 * answer, slow answer. Grant revocation, token
 * expiry and record changes live on {@link QuickBooksEmulator} because they change state, not answers.
 */
public final class QboFaultInjector {

    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger serverErrorNext = new AtomicInteger();
    private final AtomicInteger serverErrorStatus = new AtomicInteger(503);
    private final AtomicInteger faultIn200Next = new AtomicInteger();
    private final AtomicInteger slowNext = new AtomicInteger();
    private final AtomicInteger authenticationFaultIn200Next = new AtomicInteger();
    private final AtomicInteger unauthorizedNext = new AtomicInteger();
    private final AtomicReference<Duration> slowBy = new AtomicReference<>(Duration.ZERO);

    /** The next {@code n} API requests get Intuit's 429 ThrottleExceeded answer. */
    public QboFaultInjector throttleNext(int n) {
        throttleNext.set(n);
        return this;
    }

    /** The next {@code n} API requests get {@code status} (500 or 503) with Intuit's SystemFault body. */
    public QboFaultInjector serverErrorNext(int n, int status) {
        serverErrorStatus.set(status);
        serverErrorNext.set(n);
        return this;
    }

    /** The next {@code n} query/CDC answers are HTTP 200 whose QueryResponse holds a Fault instead of records. */
    public QboFaultInjector faultInsideOkAnswerNext(int n) {
        faultIn200Next.set(n);
        return this;
    }

    /**
     * The next {@code n} API requests with a valid token are answered HTTP 200 with an {@code AuthenticationFault}
     * (Intuit: "200 OK … may contain a Fault element"), as if Intuit had refused the token.
     */
    public QboFaultInjector authenticationFaultInsideOkAnswerNext(int n) {
        authenticationFaultIn200Next.set(n);
        return this;
    }

    /** The next {@code n} API requests with a valid token are answered 401 with Intuit's AuthenticationFault 3200. */
    public QboFaultInjector unauthorizedNext(int n) {
        unauthorizedNext.set(n);
        return this;
    }

    /** The next {@code n} API answers wait {@code delay} before they are written (while counted as in flight). */
    public QboFaultInjector slowNext(int n, Duration delay) {
        slowBy.set(delay);
        slowNext.set(n);
        return this;
    }

    public QboFaultInjector clear() {
        throttleNext.set(0);
        serverErrorNext.set(0);
        faultIn200Next.set(0);
        slowNext.set(0);
        authenticationFaultIn200Next.set(0);
        unauthorizedNext.set(0);
        return this;
    }

    boolean takeThrottle() {
        return take(throttleNext);
    }

    int takeServerError() {
        return take(serverErrorNext) ? serverErrorStatus.get() : 0;
    }

    boolean takeFaultIn200() {
        return take(faultIn200Next);
    }

    boolean takeAuthenticationFaultIn200() {
        return take(authenticationFaultIn200Next);
    }

    boolean takeUnauthorized() {
        return take(unauthorizedNext);
    }

    Duration takeSlow() {
        return take(slowNext) ? slowBy.get() : Duration.ZERO;
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }
}
