package dev.bridgekeeper.sandbox.internal;

import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Stores authorizations, and for a user who {@link SandboxUser#revokesRotatedRefreshTokens()}
 * ({@code user_revoked}) stores the refresh token that a refresh issues as already invalidated:
 * the refresh itself succeeds, the next one gets {@code invalid_grant}, as when a platform revokes
 * access behind the client's back. The access token of that refresh stays valid.
 */
final class RotatedRefreshTokenRevocation implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService store;

    RotatedRefreshTokenRevocation(OAuth2AuthorizationService store) {
        this.store = store;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        store.save(revokeIfIssuedByRefresh(authorization));
    }

    private OAuth2Authorization revokeIfIssuedByRefresh(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        boolean applies = refresh != null && !refresh.isInvalidated()
                && SandboxUser.byUsername(authorization.getPrincipalName())
                        .map(SandboxUser::revokesRotatedRefreshTokens).orElse(false);
        if (!applies) {
            return authorization;
        }
        // A refresh replaces a stored refresh token with a new one; the code exchange stores the first.
        OAuth2Authorization stored = store.findById(authorization.getId());
        boolean rotated = stored != null && stored.getRefreshToken() != null
                && !stored.getRefreshToken().getToken().getTokenValue().equals(refresh.getToken().getTokenValue());
        if (!rotated) {
            return authorization;
        }
        return OAuth2Authorization.from(authorization)
                .token(refresh.getToken(),
                        metadata -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
                .build();
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return store.findByToken(token, tokenType);
    }
}
