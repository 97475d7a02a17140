package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.error.ErrorResponses;
import dev.bridgekeeper.platform.throttle.RequestThrottle;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The sandbox's two security chains, both ahead of the API chain ({@code @Order(100)}, API keys).
 * Anything under {@code /sandbox/**} that neither matches falls through to the API chain and is
 * answered like any unknown path.
 */
@Configuration(proxyBeanMethods = false)
@SandboxEnabled
class SandboxSecurityConfiguration {

    /** The platforms' data APIs: stateless, a bearer access token of that same platform, JSON errors. */
    @Bean
    @Order(90)
    SecurityFilterChain sandboxApiSecurity(HttpSecurity http, OAuth2AuthorizationService authorizations,
            ErrorResponses errors) throws Exception {
        Map<SandboxPlatform, AuthenticationManager> tokenChecks = new EnumMap<>(SandboxPlatform.class);
        for (SandboxPlatform platform : SandboxPlatform.values()) {
            tokenChecks.put(platform, new ProviderManager(
                    new OpaqueTokenAuthenticationProvider(new LocalTokenIntrospector(platform, authorizations))));
        }
        AuthenticationEntryPoint refuse = apiRefusal(errors);
        http.securityMatcher(perPlatform("/api/**"))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> tokenChecks.get(platformOf(request)))
                        .authenticationEntryPoint(refuse))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(refuse)
                        .accessDeniedHandler((request, response, denied) -> errors.write(response,
                                HttpStatus.FORBIDDEN, "This access token does not allow this request.")));
        return http.build();
    }

    /**
     * The authorization server: its endpoints under each issuer, the sign-in and consent pages and
     * the RFC 8414 metadata. Form sign-in needs a session; CSRF protects the pages' forms (Spring
     * Authorization Server exempts its own endpoints, which carry client credentials or the
     * request's {@code state} instead).
     */
    @Bean
    @Order(91)
    SecurityFilterChain sandboxAuthorizationServerSecurity(HttpSecurity http, RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
            AuthorizationServerSettings settings, OAuth2TokenGenerator<OAuth2Token> tokens, SandboxAccounts accounts,
            MeterRegistry meters, RequestThrottle throttle) throws Exception {
        RequestMatcher clientEndpoints = new OrRequestMatcher(Arrays.stream(SandboxPlatform.values())
                .flatMap(p -> Arrays.stream(new String[] {"/oauth2/token", "/oauth2/introspect", "/oauth2/revoke"})
                        .map(endpoint -> post(p.issuerPath() + endpoint)))
                .toList());
        http.securityMatcher(new OrRequestMatcher(
                        paths("/sandbox", "/sandbox/login", "/sandbox/logout", "/sandbox/consent", "/sandbox/assets/**"),
                        paths(perPlatform("/oauth2/**")),
                        paths(Arrays.stream(SandboxPlatform.values())
                                .map(p -> "/.well-known/oauth-authorization-server" + p.issuerPath())
                                .toArray(String[]::new))))
                .oauth2AuthorizationServer(server -> server
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .authorizationConsentService(consents)
                        .authorizationServerSettings(settings)
                        .tokenGenerator(tokens)
                        .authorizationEndpoint(endpoint -> endpoint
                                .consentPage("/sandbox/consent")
                                .authenticationProviders(AuthorizationRequestRules::apply)
                                .errorResponseHandler(new AuthorizationErrorResponder())))
                .authenticationProvider(accounts.signIn())
                .formLogin(form -> form
                        .loginPage("/sandbox/login")
                        .loginProcessingUrl("/sandbox/login")
                        .failureUrl("/sandbox/login?error")
                        .defaultSuccessUrl("/sandbox", false)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/sandbox/logout").logoutSuccessUrl("/sandbox/login?signed-out"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/sandbox", "/sandbox/assets/**", "/.well-known/**").permitAll()
                        .anyRequest().authenticated())
                // People are sent to sign in; clients calling token, introspect or revoke get a 401.
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/sandbox/login"), new NegatedRequestMatcher(clientEndpoints)))
                // No form-action directive: browsers apply it to every redirect that follows a form post,
                // and the consent answer travels on through Bridgekeeper's callback to the lender's site.
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'")))
                .addFilterBefore(new TokenRequestCounter(meters), SecurityContextHolderFilter.class)
                .addFilterBefore(new ClientSecretCheckFilter(throttle), SecurityContextHolderFilter.class)
                .addFilterBefore(new SignInAttemptFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /** 401 with the RFC 6750 {@code WWW-Authenticate} header and Bridgekeeper's JSON error body. */
    private static AuthenticationEntryPoint apiRefusal(ErrorResponses errors) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            String platform = platformOf(request).displayName();
            String message = failure instanceof OAuth2AuthenticationException invalid
                    ? "The access token is not valid for " + platform + ": " + invalid.getError().getDescription()
                    : "Send an access token issued by " + platform + " as \"Authorization: Bearer <token>\".";
            errors.write(response, HttpStatus.UNAUTHORIZED, message);
        };
    }

    private static SandboxPlatform platformOf(HttpServletRequest request) {
        return SandboxPlatform.fromPath(request.getRequestURI().substring(request.getContextPath().length()))
                .orElseThrow(() -> new IllegalStateException("Not a sandbox platform path: " + request.getRequestURI()));
    }

    private static String[] perPlatform(String suffix) {
        return Arrays.stream(SandboxPlatform.values()).map(p -> p.issuerPath() + suffix).toArray(String[]::new);
    }

    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern)).toList());
    }

    private static RequestMatcher post(String path) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
    }
}
