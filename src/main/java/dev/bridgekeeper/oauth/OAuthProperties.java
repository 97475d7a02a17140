package dev.bridgekeeper.oauth;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Policies of the link flow and of the OAuth module's background jobs.
 *
 * @param stateLifetime      how long a started authorization may take before its state expires
 * @param refreshSkew        refresh an access token this long before it expires
 * @param resealBatch        how many tokens the background re-sealing moves to the active key per run
 * @param resealInterval     how often the re-sealing looks for tokens sealed with an older key
 * @param resealInitialDelay how long after the re-sealing job is first created its first run is due
 * @param statePurgeInterval how often authorization states that expired over a day ago are deleted
 * @param cleanupFirstRetry  a failed clean-up at the platform (revocation) is tried again after this, doubling
 * @param cleanupAttempts    attempts at a clean-up before it is given up (and the tokens left to expire)
 */
@ConfigurationProperties("bridgekeeper.oauth")
public record OAuthProperties(
        @DefaultValue("PT15M") Duration stateLifetime,
        @DefaultValue("PT1M") Duration refreshSkew,
        @DefaultValue("200") int resealBatch,
        @DefaultValue("PT10M") Duration resealInterval,
        @DefaultValue("PT30S") Duration resealInitialDelay,
        @DefaultValue("PT1H") Duration statePurgeInterval,
        @DefaultValue("PT30S") Duration cleanupFirstRetry,
        @DefaultValue("10") int cleanupAttempts) {

    public OAuthProperties {
        if (cleanupFirstRetry.isNegative() || cleanupAttempts < 1) {
            throw new StartupProblem("bridgekeeper.oauth.cleanup-first-retry must be a duration of zero or more and"
                    + " bridgekeeper.oauth.cleanup-attempts 1 or more.");
        }
    }
}
