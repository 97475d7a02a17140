package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.platform.jobs.RecurringJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consent policy's clock: every {@code bridgekeeper.consent.expiry-check-interval}, on one worker at a time
 * (a recurring job on the shared job runtime), sends consent.expiring inside the reminder window, expires consents
 * at their end, and deletes data whose retention after a revocation has ended.
 */
@Configuration(proxyBeanMethods = false)
class ConsentExpiry {

    static final String TASK = "consent-expiry";

    @Bean
    RecurringJob consentExpiryJob(ObjectProvider<ConsentLifecycleJob> lifecycle, ProductProperties properties) {
        return RecurringJob.every(TASK, properties.consent().expiryCheckInterval(), () -> lifecycle.getObject().run());
    }
}
