package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditProperties;
import dev.bridgekeeper.platform.jobs.RecurringJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit module's job on the shared job runtime. */
@Configuration(proxyBeanMethods = false)
class AuditJobs {

    /** Every {@code bridgekeeper.audit.purge-interval}, the first run one interval after the job is created. */
    @Bean
    RecurringJob deletedChainPurgeJob(DeletedChainPurge purge, AuditProperties properties) {
        return RecurringJob.every("audit-chain-purge", properties.purgeInterval(), purge::purgeDue)
                .withFirstRunAfter(properties.purgeInterval());
    }
}
