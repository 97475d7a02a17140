package dev.bridgekeeper.link;

import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.web.PublicUrl;
import dev.bridgekeeper.settings.Profile;
import dev.bridgekeeper.settings.ProfileSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for the Link API, from each client's allowed origins ({@code /corsSettings}).
 *
 * <p>A preflight carries no credentials, so it cannot tell whose origins apply: it is answered for
 * any origin and reveals nothing. The real request is where the check happens: once the company
 * token names the client, a browser request from an origin that client has not allowed is refused
 * with 403 (so it changes nothing) and gets no {@code Access-Control-Allow-Origin}.
 */
@Configuration(proxyBeanMethods = false)
class LinkCors implements WebMvcConfigurer {

    /** The SDK: public and credential-free, so any page may load it (a cross-origin module script needs CORS). */
    static final String SDK_PATH = "/link/sdk.js";

    /** The manage-connections component, public for the same reason. */
    static final String CONNECTIONS_PATH = "/link/connections.js";

    /**
     * The consent records a company token may read, revoke and reconfirm: the manage-connections component calls
     * them from the lender's page, so they answer CORS like the Link API.
     */
    static final Pattern CONSENTS = Pattern.compile("/companies/[^/]+/consents(/[0-9a-fA-F-]{36}(/[a-z]+)?)?");

    private final ProfileSettings profiles;
    private final String ownOrigin;

    LinkCors(ProfileSettings profiles, PublicUrl publicUrl) {
        this.profiles = profiles;
        this.ownOrigin = Profile.origin(URI.create(publicUrl.base()));
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> linkPreflightFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Preflight());
        registration.addUrlPatterns("/link/api/*", "/companies/*", SDK_PATH, CONNECTIONS_PATH);
        // before Spring Security, which would ask a credential-less preflight for one
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AllowedOrigin()).addPathPatterns("/link/api/**", "/companies/*/consents",
                "/companies/*/consents/*", "/companies/*/consents/*/*");
    }

    private static final class Preflight extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String origin = request.getHeader("Origin");
            if (SDK_PATH.equals(request.getRequestURI()) || CONNECTIONS_PATH.equals(request.getRequestURI())) {
                response.setHeader("Access-Control-Allow-Origin", "*");
                response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
                chain.doFilter(request, response);
                return;
            }
            if (request.getRequestURI().startsWith("/companies/")
                    && !CONSENTS.matcher(request.getRequestURI()).matches()) {
                chain.doFilter(request, response);
                return;
            }
            if ("OPTIONS".equals(request.getMethod()) && origin != null
                    && request.getHeader("Access-Control-Request-Method") != null) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                response.setHeader("Access-Control-Allow-Origin", origin);
                response.setHeader("Access-Control-Allow-Methods", "GET, POST, PATCH");
                response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
                response.setHeader("Access-Control-Max-Age", "600");
                response.addHeader("Vary", "Origin");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    private final class AllowedOrigin implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String origin = request.getHeader("Origin");
            response.addHeader("Vary", "Origin");
            if (origin == null || sameOrigin(origin)) {
                return true;
            }
            boolean allowed = profiles.allowedOrigins(Caller.current().client()).stream()
                    .anyMatch(o -> o.equalsIgnoreCase(origin));
            if (!allowed) {
                throw ApiException.forbidden("Origin " + origin + " is not allowed to call the Link API. Add it with"
                        + " POST /corsSettings.");
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            return true;
        }

        /**
         * Hosted Link's own page, at the configured public URL. Never built from the request: behind a
         * TLS-terminating proxy the request says http and an inner host, while the browser sends the public origin.
         */
        private boolean sameOrigin(String origin) {
            try {
                return ownOrigin != null && ownOrigin.equals(Profile.origin(URI.create(origin)));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
