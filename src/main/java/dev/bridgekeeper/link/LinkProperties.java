package dev.bridgekeeper.link;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Policies of Link.
 *
 * @param hostedLinkTokenLifetime how long a one-time Hosted Link token stays valid after it is issued:
 *                                short, because it travels in a URL (an email, a chat message)
 */
@ConfigurationProperties("bridgekeeper.link")
public record LinkProperties(@DefaultValue("PT15M") Duration hostedLinkTokenLifetime) {}
