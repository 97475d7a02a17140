package dev.bridgekeeper.platform.security;

import dev.bridgekeeper.platform.error.ErrorResponses;
import dev.bridgekeeper.platform.throttle.RequestThrottle;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The API's security chain: stateless, no sessions or cookies, every endpoint authenticated
 * except the public ones listed here (health, metrics, the API document and platform logos).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
        "/actuator/health", "/actuator/health/**", "/actuator/info",
        "/openapi.json", "/docs", "/docs/**", "/swagger-ui/**", "/v3/api-docs/**",
        "/branding/**", "/assets/**", "/error", "/favicon.ico",
        // the customer's browser follows linkUrl and returns from the platform without an API key
        "/companies/*/connections/*/start", "/oauth/callback", "/oauth/organisation",
        // Link's static module and the Hosted Link page (its token travels in the URL fragment)
        "/link/*",
        // the public keys that verify consent receipts: anyone holding a receipt may check it
        "/.well-known/jwks.json"
    };

    @Bean
    @Order(100)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyDirectory keys, CompanyTokens tokens,
            List<CompanyScopedEndpoints> scoped, ErrorResponses errors, RequestThrottle throttle) throws Exception {
        http.securityMatcher("/**")
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CallerAuthenticationFilter(keys, tokens, scoped, errors, throttle), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // the Link funnel is the lender's, under Link's otherwise public path
                        .requestMatchers("/link/analytics").authenticated()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> errors.write(response,
                                HttpStatus.UNAUTHORIZED,
                                "Authentication is required. Send \"Authorization: Basic \" followed by your"
                                        + " base64-encoded API key."))
                        .accessDeniedHandler((request, response, e) -> errors.write(response, HttpStatus.FORBIDDEN,
                                "You are not allowed to call this endpoint.")));
        return http.build();
    }
}
