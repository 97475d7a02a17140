package dev.bridgekeeper.sandbox.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Checks an access token presented to one platform's data API by looking it up in the shared
 * authorization store (no HTTP round trip to our own introspection endpoint). A token that is
 * unknown, expired, revoked or issued by another sandbox platform is refused.
 */
final class LocalTokenIntrospector implements OpaqueTokenIntrospector {

    private final SandboxPlatform platform;
    private final OAuth2AuthorizationService authorizations;

    LocalTokenIntrospector(SandboxPlatform platform, OAuth2AuthorizationService authorizations) {
        this.platform = platform;
        this.authorizations = authorizations;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization == null ? null
                : authorization.getAccessToken();
        if (accessToken == null || !accessToken.getToken().getTokenValue().equals(token)) {
            throw new BadOpaqueTokenException("The access token is not known.");
        }
        if (!accessToken.isActive()) {
            throw new BadOpaqueTokenException("The access token has expired or was revoked.");
        }
        Map<String, Object> claims = accessToken.getClaims() == null ? Map.of() : accessToken.getClaims();
        Object issuer = claims.get(OAuth2TokenIntrospectionClaimNames.ISS);
        Set<String> scopes = accessToken.getToken().getScopes();
        boolean issuedHere = issuer != null && SandboxPlatform.fromUrl(issuer.toString()).filter(platform::equals)
                .isPresent();
        if (!issuedHere || !scopes.contains(platform.scope())) {
            throw new BadOpaqueTokenException("The access token was not issued by " + platform.displayName() + ".");
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(OAuth2TokenIntrospectionClaimNames.SUB, authorization.getPrincipalName());
        attributes.put(OAuth2TokenIntrospectionClaimNames.ISS, issuer.toString());
        attributes.put(OAuth2TokenIntrospectionClaimNames.SCOPE, List.copyOf(scopes));
        putInstant(attributes, OAuth2TokenIntrospectionClaimNames.IAT, accessToken.getToken().getIssuedAt());
        putInstant(attributes, OAuth2TokenIntrospectionClaimNames.EXP, accessToken.getToken().getExpiresAt());
        List<GrantedAuthority> authorities = scopes.stream()
                .<GrantedAuthority>map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList();
        return new OAuth2IntrospectionAuthenticatedPrincipal(authorization.getPrincipalName(), attributes, authorities);
    }

    private static void putInstant(Map<String, Object> attributes, String name, Instant value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
