package dev.bridgekeeper.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.bridgekeeper.platform.StartupProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler (core library) wired by hand: its Boot starter does not support Spring Boot 4 yet. Every
 * {@link RecurringJob} and {@link OneTimeJob} bean of any module becomes a task of the one scheduler. It sees the
 * application's DataSource through a transaction-aware proxy, so a job scheduled inside a Spring transaction is
 * committed or rolled back with it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobRuntimeProperties.class)
class JobRuntimeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JobRuntimeConfiguration.class);
    // two application contexts in one JVM (tests) are still two workers
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    /**
     * The jobs of every module on the application's one db-scheduler. Every instance has it (scheduling needs it);
     * only those whose role runs jobs start its workers.
     */
    @Bean
    JobRuntime jobRuntime(DataSource dataSource, ObjectProvider<OneTimeJob> oneTimeJobs,
            ObjectProvider<RecurringJob> recurringJobs, JobRuntimeProperties properties,
            ObjectProvider<MeterRegistry> meters, Environment environment) {
        InstanceRole role = InstanceRole.of(environment);
        DatabaseOutageRetry outages = new DatabaseOutageRetry();
        List<Task<?>> known = new ArrayList<>();
        Map<String, Object> names = new LinkedHashMap<>();
        List<OneTimeJob> oneTime = oneTimeJobs.orderedStream().toList();
        for (OneTimeJob job : oneTime) {
            requireUnique(names, job.name(), job);
            known.add(oneTimeTask(job, outages));
        }
        List<RecurringTask<?>> recurring = new ArrayList<>();
        for (RecurringJob job : recurringJobs.orderedStream().toList()) {
            requireUnique(names, job.name(), job);
            IntervalSchedule schedule = new IntervalSchedule(job.interval(), job.firstRunAfter());
            recurring.add(Tasks.recurring(job.name(), schedule)
                    .onFailure(outages.around(new FailureHandler.OnFailureReschedule<>(schedule)))
                    .execute((instance, context) -> {
                        job.work().run();
                        outages.ranWithoutOutage();
                    }));
        }
        String workerName = new SchedulerName.Hostname().getName() + "-" + ProcessHandle.current().pid() + "-"
                + CONTEXTS.incrementAndGet();
        // startTasks adds the recurring tasks to the known ones and creates their rows when a worker starts
        var builder = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.copyOf(known))
                .startTasks(List.copyOf(recurring))
                .schedulerName(new SchedulerName.Fixed(workerName))
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .enableImmediateExecution();
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            // dbscheduler_task_completions{task, result} and friends: what this instance ran
            List<Task<?>> all = new ArrayList<>(known);
            all.addAll(recurring);
            builder.statsRegistry(new MicrometerStatsRegistry(registry, all));
        }
        return new JobRuntime(builder.build(), workerName, role, role.runsBackgroundWork() && properties.worker(),
                oneTime, recurring.stream().map(Task::getName).toList());
    }

    /** db-scheduler itself, for what {@link Jobs} does not cover (operators' tools, tests pausing a worker). */
    @Bean(destroyMethod = "")
    Scheduler jobScheduler(JobRuntime runtime) {
        return runtime.scheduler();
    }

    private static void requireUnique(Map<String, Object> names, String name, Object job) {
        Object earlier = names.putIfAbsent(name, job);
        if (earlier != null) {
            throw new StartupProblem("Two jobs are named " + name + " (" + earlier + " and " + job + "): each job"
                    + " needs a name of its own, it is the task_name of its rows in scheduled_tasks.");
        }
    }

    /**
     * Data = the id: executions written before the runtime moved here carry it as their data, and an instance of
     * the previous version reading a new execution during a rolling upgrade still finds it there.
     */
    private static CustomTask<String> oneTimeTask(OneTimeJob job, DatabaseOutageRetry outages) {
        var task = Tasks.custom(job.name(), String.class);
        task.onFailure(outages.around(job.backoff() != null ? backoff(job.name(), job.backoff())
                : DatabaseOutageRetry.retryLater()));
        return task.execute((instance, context) -> {
            Instant again;
            try {
                again = job.work().run(instance.getId());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new JobFailedException(job.name(), instance.getId(), e);
            }
            outages.ranWithoutOutage();
            if (again == null) {
                return (complete, operations) -> outages.whenTheDatabaseAnswers(operations::remove);
            }
            return (complete, operations) -> outages.whenTheDatabaseAnswers(
                    () -> operations.reschedule(complete, again));
        });
    }

    private static FailureHandler<String> backoff(String name, OneTimeJob.Backoff backoff) {
        return (complete, operations) -> {
            int failures = complete.getExecution().consecutiveFailures + 1;
            String id = complete.getExecution().taskInstance.getId();
            Throwable cause = complete.getCause().orElse(null);
            if (failures < backoff.attempts()) {
                operations.reschedule(complete, complete.getTimeDone().plus(backoff.delayAfter(failures)));
                return;
            }
            operations.stop();
            try {
                backoff.giveUp().after(id, cause);
            } catch (RuntimeException e) {
                log.error("Job {} {} gave up after {} attempts, and its give-up step failed too", name, id, failures,
                        e);
            }
        };
    }

    /** A job's checked exception, carried through db-scheduler to its failure handling. */
    static final class JobFailedException extends RuntimeException {
        JobFailedException(String job, String id, Exception cause) {
            super("Job " + job + " " + id + " failed: " + cause.getMessage(), cause);
        }
    }
}
