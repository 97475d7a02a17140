package dev.bridgekeeper.sandbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimNames;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shortens the access token of a user who has a shorter lifetime ({@code user_expiring}: 60 s) by
 * moving its {@code exp} claim, from which both the stored expiry and {@code expires_in} derive.
 */
final class UserTokenLifetimes implements OAuth2TokenCustomizer<OAuth2TokenClaimsContext> {

    @Override
    public void customize(OAuth2TokenClaimsContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) || context.getPrincipal() == null) {
            return;
        }
        Optional<Duration> lifetime = SandboxUser.byUsername(context.getPrincipal().getName())
                .flatMap(SandboxUser::accessTokenLifetime);
        lifetime.ifPresent(shorter -> context.getClaims().claims(claims -> {
            Instant issuedAt = (Instant) claims.get(OAuth2TokenClaimNames.IAT);
            Instant expiresAt = (Instant) claims.get(OAuth2TokenClaimNames.EXP);
            Instant shortened = issuedAt.plus(shorter);
            if (expiresAt == null || shortened.isBefore(expiresAt)) {
                claims.put(OAuth2TokenClaimNames.EXP, shortened);
            }
        }));
    }
}
