package dev.bridgekeeper.platform.signing;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Receipt-signing key policy, from {@code bridgekeeper.signing} (documented in application.yaml).
 *
 * @param keyLifetime after this the next signature creates a new key; older keys stay published, so what
 *                    they signed still verifies. Zero: never rotate on its own.
 * @param jwksMaxAge  how long verifiers may cache /.well-known/jwks.json
 */
@ConfigurationProperties("bridgekeeper.signing")
public record SigningProperties(
        @DefaultValue("P365D") Duration keyLifetime,
        @DefaultValue("PT5M") Duration jwksMaxAge) {

    public SigningProperties {
        if (keyLifetime.isNegative()) {
            throw new StartupProblem("bridgekeeper.signing.key-lifetime (BRIDGEKEEPER_SIGNING_KEYLIFETIME) must be"
                    + " zero (never rotate) or a positive duration such as P365D.");
        }
        if (jwksMaxAge.isNegative()) {
            throw new StartupProblem("bridgekeeper.signing.jwks-max-age (BRIDGEKEEPER_SIGNING_JWKSMAXAGE) must not be"
                    + " negative; PT5M is the default.");
        }
    }
}
