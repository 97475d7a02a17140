package dev.bridgekeeper.link.funnel;

import dev.bridgekeeper.platform.jobs.RecurringJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps the funnel's tables bounded: journeys past {@code bridgekeeper.link.funnel.retention} are deleted. */
@Configuration(proxyBeanMethods = false)
class FunnelJobs {

    private static final Logger log = LoggerFactory.getLogger(FunnelJobs.class);

    @Bean
    RecurringJob linkFunnelRetentionJob(JourneyFunnel funnel, LinkFunnelProperties properties) {
        return RecurringJob.every("link-funnel-retention", properties.purgeInterval(), () -> {
            int deleted = funnel.purge();
            if (deleted > 0) {
                log.info("Deleted {} Link journeys past the funnel's retention", deleted);
            }
        });
    }
}
