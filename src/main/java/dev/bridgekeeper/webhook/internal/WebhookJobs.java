package dev.bridgekeeper.webhook.internal;

import dev.bridgekeeper.platform.jobs.RecurringJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook module's job on the shared job runtime. (Delivery is not a job: the dispatcher claims deliveries in
 * its own loop, see {@link WebhookDispatcher}.)
 */
@Configuration(proxyBeanMethods = false)
class WebhookJobs {

    /** Every {@code purge-interval}, first {@code purge-initial-delay} after the job is created. */
    @Bean
    RecurringJob deliveryLogRetentionJob(DeliveryLogRetention retention, WebhookPolicies policies) {
        return RecurringJob.every("webhook-log-retention", policies.properties().purgeInterval(), retention::purge)
                .withFirstRunAfter(policies.properties().purgeInitialDelay());
    }
}
