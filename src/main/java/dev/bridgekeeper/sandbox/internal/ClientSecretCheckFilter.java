package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.throttle.RequestThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each post to a sandbox token, revocation or introspection endpoint against its source address before the
 * client's secret is checked (a bcrypt check, right or wrong; the default secret is public), so nobody can make the
 * server hash as fast as it can. Past the limit ({@code bridgekeeper.throttle.sandbox-token}) the post gets a 429
 * and no check. Runs ahead of the whole authorization server chain: its client authentication comes early.
 */
final class ClientSecretCheckFilter extends OncePerRequestFilter {

    private static final Set<String> CLIENT_ENDPOINTS = Set.of("/oauth2/token", "/oauth2/revoke", "/oauth2/introspect");

    private final RequestThrottle throttle;

    ClientSecretCheckFilter(RequestThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return SandboxPlatform.fromPath(path)
                .filter(p -> path.startsWith(p.issuerPath())
                        && CLIENT_ENDPOINTS.contains(path.substring(p.issuerPath().length())))
                .isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = throttle.sandboxTokenRequest(request);
        if (wait.isPresent()) {
            throttle.refuse(response, wait.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
