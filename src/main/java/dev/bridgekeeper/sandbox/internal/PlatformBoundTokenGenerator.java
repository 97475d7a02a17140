package dev.bridgekeeper.sandbox.internal;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues tokens only for grants of the platform whose token endpoint was called: the three
 * platforms share one authorization store, so without this a code or refresh token from Sandbox
 * Accounting could be exchanged at Sandbox Banking.
 */
final class PlatformBoundTokenGenerator implements OAuth2TokenGenerator<OAuth2Token> {

    private final OAuth2TokenGenerator<OAuth2Token> delegate;

    PlatformBoundTokenGenerator(OAuth2TokenGenerator<OAuth2Token> delegate) {
        this.delegate = delegate;
    }

    @Override
    public OAuth2Token generate(OAuth2TokenContext context) {
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                || OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
            requireGrantOfThisPlatform(context);
        }
        return delegate.generate(context);
    }

    private static void requireGrantOfThisPlatform(OAuth2TokenContext context) {
        Optional<SandboxPlatform> platform = context.getAuthorizationServerContext() == null ? Optional.empty()
                : SandboxPlatform.fromUrl(context.getAuthorizationServerContext().getIssuer());
        Set<String> scopes = context.getAuthorizedScopes();
        boolean ours = platform.isPresent() && !scopes.isEmpty()
                && scopes.stream().allMatch(platform.get().scope()::equals);
        if (!ours) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "This grant was not issued by this sandbox platform.", null));
        }
    }
}
