package dev.bridgekeeper.platform.security;

import dev.bridgekeeper.platform.error.ErrorResponses;
import dev.bridgekeeper.platform.throttle.RequestThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Authenticates Codat-style {@code Authorization: Basic <base64(apiKey)>} and company tokens
 * ({@code Authorization: Bearer <token>}). A wrong credential is a 401 at once (never a fall-through
 * to anonymous); a company token outside its endpoints or its company is a 403. Rate limits
 * ({@link RequestThrottle}): a source address with too many wrong credentials gets a 429 before its API key is
 * looked up, and each API-key request counts against its client's quota (429 with Retry-After past it).
 */
final class CallerAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyDirectory keys;
    private final CompanyTokens tokens;
    private final List<ScopedPattern> companyEndpoints;
    private final ErrorResponses errors;
    private final RequestThrottle throttle;

    private record ScopedPattern(HttpMethod method, PathPattern pattern, boolean journey) {}

    CallerAuthenticationFilter(ApiKeyDirectory keys, CompanyTokens tokens, List<CompanyScopedEndpoints> scoped,
            ErrorResponses errors, RequestThrottle throttle) {
        this.keys = keys;
        this.throttle = throttle;
        this.tokens = tokens;
        this.errors = errors;
        this.companyEndpoints = scoped.stream().flatMap(s -> s.endpoints().stream())
                .map(e -> new ScopedPattern(e.method(), PathPatternParser.defaultInstance.parse(e.pathPattern()),
                        e.journey()))
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller;
        if (startsWithIgnoreCase(header, "Basic ")) {
            Optional<Duration> throttled = throttle.beforeKeyLookup(request);
            if (throttled.isPresent()) {
                throttle.refuse(response, throttled.get());
                return;
            }
            caller = apiKeyCaller(header.substring(6).trim());
        } else if (startsWithIgnoreCase(header, "Bearer ")) {
            caller = tokens.verify(header.substring(7).trim());
        } else {
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            Optional<Duration> throttled = throttle.authenticationFailed(request);
            if (throttled.isPresent()) {
                throttle.refuse(response, throttled.get());
                return;
            }
            errors.write(response, HttpStatus.UNAUTHORIZED,
                    "The credentials in the Authorization header are not valid. Send \"Basic \" followed by your"
                            + " base64-encoded API key.");
            return;
        }
        throttle.authenticated(request);
        if (caller.get().kind() == Caller.Kind.API_KEY) {
            Optional<Duration> overQuota = throttle.clientRequest(caller.get().client());
            if (overQuota.isPresent()) {
                throttle.refuse(response, overQuota.get());
                return;
            }
        }
        if (caller.get().kind() == Caller.Kind.COMPANY_TOKEN && !allowedForCompanyToken(request, caller.get())) {
            errors.write(response, HttpStatus.FORBIDDEN, caller.get().hostedLink()
                    ? "A Hosted Link token can only run the Link journey for its company."
                    : "A company access token cannot call this endpoint. Use an API key.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(caller.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<Caller> apiKeyCaller(String encoded) {
        String apiKey;
        try {
            apiKey = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (apiKey.isEmpty() || apiKey.length() > 200) {
            return Optional.empty();
        }
        return keys.clientForKeyDigest(ApiKeyDigest.of(apiKey)).map(Caller::withApiKey);
    }

    private boolean allowedForCompanyToken(HttpServletRequest request, Caller caller) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        UUID company = caller.companyId().orElseThrow();
        for (ScopedPattern endpoint : companyEndpoints) {
            if (!endpoint.method().equals(method) || caller.hostedLink() && !endpoint.journey()) {
                continue;
            }
            PathPattern.PathMatchInfo match = endpoint.pattern().matchAndExtract(path);
            if (match == null) {
                continue;
            }
            Map<String, String> variables = match.getUriVariables();
            String pathCompany = variables.get("companyId");
            if (pathCompany == null || pathCompany.equalsIgnoreCase(company.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
