package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.platform.jobs.OneTimeJob;
import dev.bridgekeeper.platform.jobs.RecurringJob;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sync's jobs on the shared job runtime ({@code dev.bridgekeeper.platform.jobs}): one one-time job per dataset and
 * the recurring check of the companies' sync schedules.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
class SyncScheduling {

    static final String SYNC_DATASET = "sync-dataset";
    static final String SCHEDULED_SYNCS = "sync-schedule";

    /**
     * One execution per dataset (the job id is the dataset id, so a dataset can only ever have one job). When the
     * platform asks for a wait the same execution is rescheduled for then, so no worker thread sleeps and the
     * dataset keeps its place; a dead worker's execution is run again by another worker.
     */
    @Bean
    OneTimeJob syncDatasetJob(SyncJob job) {
        return OneTimeJob.named(SYNC_DATASET, id -> job.run(UUID.fromString(id)));
    }

    /**
     * Every {@code schedule-check-interval}, on one worker at a time, queues the pulls due by the companies'
     * {@code syncSchedule}. A restart or a second worker neither skips nor doubles a check.
     */
    @Bean
    RecurringJob scheduledSyncJob(ObjectProvider<SyncService> sync, SyncProperties properties) {
        // looked up when it runs: SyncService needs the job runtime this job is part of
        return RecurringJob.every(SCHEDULED_SYNCS, properties.scheduleCheckInterval(),
                () -> sync.getObject().queueScheduled());
    }
}
