package dev.bridgekeeper.oauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Policies of the link flow.
 *
 * @param stateLifetime how long a started authorization may take before its state expires
 * @param refreshSkew   refresh an access token this long before it expires
 * @param resealBatch   how many tokens the background re-sealing moves to the active key per run
 */
@ConfigurationProperties("bridgekeeper.oauth")
public record OAuthProperties(
        @DefaultValue("PT15M") Duration stateLifetime,
        @DefaultValue("PT1M") Duration refreshSkew,
        @DefaultValue("200") int resealBatch) {}
