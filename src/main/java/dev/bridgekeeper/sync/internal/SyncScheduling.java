package dev.bridgekeeper.sync.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler (core library) wired by hand: its Boot starter does not support Spring Boot 4 yet. The scheduler
 * sees the application's DataSource through a transaction-aware proxy, so a job scheduled inside a Spring
 * transaction is committed or rolled back with it (a link and the sync it queues are one unit). Every instance
 * can schedule; only instances with {@code bridgekeeper.sync.worker=true} run jobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
class SyncScheduling {

    static final String SYNC_DATASET = "sync-dataset";
    static final String SCHEDULED_SYNCS = "sync-schedule";

    /**
     * One execution per dataset (the instance id is the dataset id, so a dataset can only ever have one job). When
     * the platform asks for a wait the same execution is rescheduled for then, so no worker thread sleeps and the
     * dataset keeps its place; a dead worker's execution is revived by another worker (db-scheduler's default).
     */
    @Bean
    CustomTask<String> syncDatasetTask(SyncJob job) {
        return Tasks.custom(SYNC_DATASET, String.class).execute((instance, context) -> {
            Instant retryAt = job.run(UUID.fromString(instance.getData()));
            if (retryAt == null) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
            return (complete, operations) -> operations.reschedule(complete, retryAt);
        });
    }

    /**
     * Every {@code schedule-check-interval}, on one instance at a time, queues the pulls due by the companies'
     * {@code syncSchedule}. A recurring db-scheduler task, so a restart or a second worker neither skips nor
     * doubles a check.
     */
    @Bean
    RecurringTask<Void> scheduledSyncTask(ObjectProvider<SyncService> sync, SyncProperties properties) {
        // looked up when it runs: SyncService itself needs the scheduler this task is part of
        return Tasks.recurring(SCHEDULED_SYNCS, FixedDelay.of(properties.scheduleCheckInterval()))
                .execute((instance, context) -> sync.getObject().queueScheduled());
    }

    /**
     * The application's one db-scheduler. Recurring tasks of other modules (e.g. consent expiry) are beans of type
     * {@link RecurringTask} and run here too, so every instance shares one job table and one set of workers.
     */
    @Bean(destroyMethod = "")
    Scheduler syncScheduler(DataSource dataSource, List<CustomTask<?>> tasks, List<RecurringTask<?>> recurring,
            SyncProperties properties) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.copyOf(tasks))
                .startTasks(List.copyOf(recurring))
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .enableImmediateExecution()
                .build();
    }

    /** Starts the workers once the application is up, and stops them (letting running jobs finish) first. */
    @Bean
    SmartLifecycle syncSchedulerLifecycle(Scheduler scheduler, SyncProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (properties.worker()) {
                    scheduler.start();
                }
                running = true;
            }

            @Override
            public void stop() {
                if (properties.worker()) {
                    scheduler.stop();
                }
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
