package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.oauth.OAuthProperties;
import dev.bridgekeeper.platform.jobs.RecurringJob;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OAuth module's jobs on the shared job runtime, each with its schedule from {@code bridgekeeper.oauth}. */
@Configuration(proxyBeanMethods = false)
class OAuthJobs {

    private static final Duration STATE_PURGE_FIRST_RUN = Duration.ofMinutes(5);

    /** Five minutes after the job is first created (or one interval, if that is shorter), then every interval. */
    @Bean
    RecurringJob authorizationStatePurgeJob(AuthorizationStatePurge purge, OAuthProperties properties) {
        Duration interval = properties.statePurgeInterval();
        return RecurringJob.every("oauth-state-purge", interval, purge::purge)
                .withFirstRunAfter(interval.compareTo(STATE_PURGE_FIRST_RUN) < 0 ? interval : STATE_PURGE_FIRST_RUN);
    }

    @Bean
    RecurringJob tokenResealingJob(TokenResealing resealing, OAuthProperties properties) {
        return RecurringJob.every("oauth-token-reseal", properties.resealInterval(), resealing::resealOldKeys)
                .withFirstRunAfter(properties.resealInitialDelay());
    }
}
