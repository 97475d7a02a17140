package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.integration.Integration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * RFC 7009 at the platform's revocation URL: the refresh token first (which ends the whole grant at most platforms),
 * then the access token. Revoking a token again is not an error (RFC 7009 §2.2), so a retry may repeat both.
 */
@Component
class TokenRevocationStep implements PlatformCleanupStep {

    private static final Logger log = LoggerFactory.getLogger(TokenRevocationStep.class);

    private final PlatformClient platforms;

    TokenRevocationStep(PlatformClient platforms) {
        this.platforms = platforms;
    }

    @Override
    public String name() {
        return "token-revocation";
    }

    @Override
    public int order() {
        return REVOCATION;
    }

    @Override
    public boolean appliesTo(Integration integration) {
        return integration.auth().revocationUrl() != null;
    }

    @Override
    public void run(Integration integration, PlatformCleanups.Pending cleanup) {
        if (cleanup.tokens().refreshToken() != null) {
            platforms.revoke(integration, cleanup.tokens().refreshToken(), true);
        }
        platforms.revoke(integration, cleanup.tokens().accessToken(), false);
        log.info("Revoked the tokens of connection {} at {}", cleanup.connectionId(), integration.key());
    }
}
