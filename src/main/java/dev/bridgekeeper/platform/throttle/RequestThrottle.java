package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.error.ErrorMessage;
import dev.bridgekeeper.platform.error.ErrorResponses;
import dev.bridgekeeper.platform.ids.ClientId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The authentication filter's rate limits: failed authentication per source address (checked before an API
 * key is looked up) and each client's request quota; and, per source address, sign-in attempts on pages that
 * check a password and requests to token endpoints that check a client secret. Every method answers empty when the request may go on,
 * or the wait to put in {@code Retry-After}; {@link #refuse} writes Codat's 429.
 */
public final class RequestThrottle {

    /** Codat's wording for its 429 (Codat-Platform.json, Too-Many-Requests). */
    static final String MESSAGE = "You have made too many requests in a given amount of time; please retry later.";
    private static final String ADDRESS = RequestThrottle.class.getName() + ".address";

    private final boolean enabled;
    private final ClientAddresses addresses;
    private final FailedAuthenticationThrottle failures;
    private final ClientQuota quota;
    private final PasswordCheckThrottle signIns;
    private final PasswordCheckThrottle tokenRequests;
    private final ErrorResponses errors;

    RequestThrottle(boolean enabled, ClientAddresses addresses, FailedAuthenticationThrottle failures,
            ClientQuota quota, PasswordCheckThrottle signIns, PasswordCheckThrottle tokenRequests,
            ErrorResponses errors) {
        this.enabled = enabled;
        this.addresses = addresses;
        this.failures = failures;
        this.quota = quota;
        this.signIns = signIns;
        this.tokenRequests = tokenRequests;
        this.errors = errors;
    }

    /** Before an API key is looked up: an address with too many recent failures is refused without the lookup. */
    public Optional<Duration> beforeKeyLookup(HttpServletRequest request) {
        return enabled ? failures.before(address(request)) : Optional.empty();
    }

    /** The credentials were wrong: empty for a 401, or the wait when the address has used up its failures. */
    public Optional<Duration> authenticationFailed(HttpServletRequest request) {
        return enabled ? failures.failed(address(request)) : Optional.empty();
    }

    public void authenticated(HttpServletRequest request) {
        if (enabled) {
            failures.succeeded(address(request));
        }
    }

    /** One request of the client with its API key, counted against its quota. */
    public Optional<Duration> clientRequest(ClientId client) {
        return enabled ? quota.request(client) : Optional.empty();
    }

    /** A password typed on a sign-in page is about to be checked: empty to check it, or the address's wait. */
    public Optional<Duration> signInAttempt(HttpServletRequest request) {
        return enabled ? signIns.attempt(address(request)) : Optional.empty();
    }

    /**
     * A request to a sandbox token, revocation or introspection endpoint, whose client secret is about to be checked:
     * empty to check it, or the address's wait.
     */
    public Optional<Duration> sandboxTokenRequest(HttpServletRequest request) {
        return enabled ? tokenRequests.attempt(address(request)) : Optional.empty();
    }

    /** Codat's 429: its ErrorMessage, and Retry-After in whole seconds (at least 1). */
    public void refuse(HttpServletResponse response, Duration wait) throws IOException {
        refuse(errors, response, wait);
    }

    static void refuse(ErrorResponses errors, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        ErrorMessage body = ErrorResponses.body(HttpStatus.TOO_MANY_REQUESTS, MESSAGE, List.of(), true);
        errors.write(response, body);
    }

    private String address(HttpServletRequest request) {
        Object known = request.getAttribute(ADDRESS);
        if (known instanceof String address) {
            return address;
        }
        String address = addresses.of(request);
        request.setAttribute(ADDRESS, address);
        return address;
    }
}
