package dev.bridgekeeper.sandbox.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.util.StringUtils;

/**
 * How the sandbox's authorization endpoints differ from Spring Authorization Server's defaults:
 * <ul>
 * <li>a {@code redirect_uri}, when sent, must equal the registered one character for character
 * (the default lets loopback addresses change port);</li>
 * <li>each platform grants only its own scope ({@code invalid_scope} otherwise);</li>
 * <li>consent is asked on every authorization, so each connection shows the full journey;</li>
 * <li>the stored consent records the latest answer, so "Deny" denies even after an earlier "Allow".</li>
 * </ul>
 */
final class AuthorizationRequestRules {

    private static final String RFC6749_AUTHORIZATION_ERRORS = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";
    private static final String SCOPE_AUTHORITY_PREFIX = "SCOPE_";

    private AuthorizationRequestRules() {}

    /** Applies the rules to the authorization endpoint's providers. */
    static void apply(List<AuthenticationProvider> providers) {
        for (AuthenticationProvider provider : providers) {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
                request.setAuthenticationValidator(validator());
                request.setAuthorizationConsentRequired(
                        context -> context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent());
            } else if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
                consent.setAuthorizationConsentCustomizer(AuthorizationRequestRules::recordLatestAnswer);
            }
        }
    }

    static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator() {
        Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> exactRedirect = AuthorizationRequestRules::exactRedirectUri;
        return exactRedirect
                .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
                .andThen(AuthorizationRequestRules::onlyThisPlatformsScope);
    }

    private static void exactRedirectUri(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String requested = request.getRedirectUri();
        if (!StringUtils.hasText(requested)) {
            // Allowed: the client has exactly one redirect URI, which is then used (RFC 6749 §3.1.2.3).
            return;
        }
        if (!context.getRegisteredClient().getRedirectUris().contains(requested)) {
            // Never redirect to an unregistered address: answer the browser here instead.
            throw refusal(OAuth2ErrorCodes.INVALID_REQUEST,
                    "redirect_uri does not match the registered redirect URI", request, null);
        }
    }

    private static void onlyThisPlatformsScope(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Optional<SandboxPlatform> platform = AuthorizationServerContextHolder.getContext() == null ? Optional.empty()
                : SandboxPlatform.fromUrl(AuthorizationServerContextHolder.getContext().getIssuer());
        if (platform.isEmpty() || !request.getScopes().equals(Set.of(platform.get().scope()))) {
            String expected = platform.map(p -> "Request the scope " + p.scope() + " (and only it) from "
                    + p.displayName() + ".").orElse("Unknown sandbox platform.");
            throw refusal(OAuth2ErrorCodes.INVALID_SCOPE, expected, request, redirectUri(context));
        }
    }

    private static String redirectUri(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String requested = request.getRedirectUri();
        RegisteredClient client = context.getRegisteredClient();
        return StringUtils.hasText(requested) ? requested : client.getRedirectUris().iterator().next();
    }

    /** An error answered by redirect to {@code redirectUri}, or on our own page when it is null. */
    private static OAuth2AuthorizationCodeRequestAuthenticationException refusal(String code, String description,
            OAuth2AuthorizationCodeRequestAuthenticationToken request, String redirectUri) {
        OAuth2AuthorizationCodeRequestAuthenticationToken answer = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
                redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(code, description, RFC6749_AUTHORIZATION_ERRORS), answer);
    }

    /**
     * Makes the stored consent say what the user just answered for the requested scopes, keeping
     * earlier answers for other platforms. A denial leaves nothing, which is how Spring
     * Authorization Server recognises it and answers the client with {@code access_denied}.
     */
    private static void recordLatestAnswer(OAuth2AuthorizationConsentAuthenticationContext context) {
        Set<String> requested = context.getAuthorizationRequest().getScopes();
        OAuth2AuthorizationConsentAuthenticationToken answer = context.getAuthentication();
        Set<String> granted = answer.getScopes();
        context.getAuthorizationConsent().authorities(authorities -> {
            if (granted.isEmpty()) {
                authorities.clear();
                return;
            }
            authorities.removeIf(authority -> requested.contains(scopeOf(authority)));
            granted.forEach(scope -> authorities.add(new SimpleGrantedAuthority(SCOPE_AUTHORITY_PREFIX + scope)));
        });
    }

    private static String scopeOf(GrantedAuthority authority) {
        String name = authority.getAuthority();
        return name != null && name.startsWith(SCOPE_AUTHORITY_PREFIX)
                ? name.substring(SCOPE_AUTHORITY_PREFIX.length()) : name;
    }
}
