package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.oauth.OAuthProperties;
import dev.bridgekeeper.platform.jobs.OneTimeJob;
import dev.bridgekeeper.platform.jobs.RecurringJob;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OAuth module's jobs on the shared job runtime, each with its schedule from {@code bridgekeeper.oauth}. */
@Configuration(proxyBeanMethods = false)
class OAuthJobs {

    // however many attempts are configured, a clean-up is tried at least this often once its delay has grown
    private static final Duration LONGEST_CLEANUP_DELAY = Duration.ofHours(6);
    private static final Duration STATE_PURGE_FIRST_RUN = Duration.ofMinutes(5);

    @Bean
    OneTimeJob platformCleanupOneTimeJob(PlatformCleanupJob job, OAuthProperties properties) {
        return OneTimeJob.named(PlatformCleanupJob.NAME, job::run).retryWithBackoff(properties.cleanupFirstRetry(),
                LONGEST_CLEANUP_DELAY.compareTo(properties.cleanupFirstRetry()) < 0 ? properties.cleanupFirstRetry()
                        : LONGEST_CLEANUP_DELAY,
                properties.cleanupAttempts(), job::giveUp);
    }

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
