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
    private static final int BATCH = 500;

    @Bean
    RecurringJob consentExpiryJob(ObjectProvider<ConsentService> consents, ProductProperties properties) {
        return RecurringJob.every(TASK, properties.consent().expiryCheckInterval(), () -> {
            ConsentService service = consents.getObject();
            while (service.remindDue(BATCH) == BATCH) {
                // a full batch: look again at once
            }
            while (service.expireDue(BATCH) == BATCH) {
                // a full batch: look again at once
            }
            while (service.deleteDue(BATCH) == BATCH) {
                // a full batch: look again at once
            }
        });
    }
}
