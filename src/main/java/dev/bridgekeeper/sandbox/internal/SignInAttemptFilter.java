package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.throttle.RequestThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each sign-in form post against its source address before the password's bcrypt check runs: the test
 * users' password is published, so anyone could otherwise make the server hash passwords as fast as it can. Past
 * the limit ({@code bridgekeeper.throttle.sign-in}) the post gets a 429 and no check.
 */
final class SignInAttemptFilter extends OncePerRequestFilter {

    private final RequestThrottle throttle;

    SignInAttemptFilter(RequestThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !"/sandbox/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = throttle.signInAttempt(request);
        if (wait.isPresent()) {
            throttle.refuse(response, wait.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
