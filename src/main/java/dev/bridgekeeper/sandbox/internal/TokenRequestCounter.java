package dev.bridgekeeper.sandbox.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every request that reaches a sandbox token endpoint, accepted or not, by platform and
 * grant type ({@value #METRIC}): tests of the OAuth client assert how many refreshes really
 * reached the platform. Unknown grant types share one tag value so callers cannot grow the series.
 */
final class TokenRequestCounter extends OncePerRequestFilter {

    static final String METRIC = "bridgekeeper.sandbox.token.requests";

    private static final Set<String> KNOWN_GRANT_TYPES = Set.of(
            AuthorizationGrantType.AUTHORIZATION_CODE.getValue(), AuthorizationGrantType.REFRESH_TOKEN.getValue(),
            AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(), AuthorizationGrantType.DEVICE_CODE.getValue(),
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue(), AuthorizationGrantType.JWT_BEARER.getValue());

    private final MeterRegistry meters;

    TokenRequestCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        tokenEndpointPlatform(request).ifPresent(platform -> Counter.builder(METRIC)
                .description("Requests to the sandbox platforms' token endpoints")
                .tag("platform", platform.slug())
                .tag("grant_type", grantType(request.getParameter("grant_type")))
                .register(meters)
                .increment());
        chain.doFilter(request, response);
    }

    private static Optional<SandboxPlatform> tokenEndpointPlatform(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return SandboxPlatform.fromPath(path).filter(p -> path.equals(p.issuerPath() + "/oauth2/token"));
    }

    private static String grantType(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        return KNOWN_GRANT_TYPES.contains(value) ? value : "other";
    }
}
