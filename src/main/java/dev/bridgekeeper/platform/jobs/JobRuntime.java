package dev.bridgekeeper.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@link Jobs} on the one db-scheduler, and its lifecycle: started with the application on instances that run jobs,
 * stopped (running jobs allowed to finish) before the database goes. Not pauseable: a paused application context
 * (Spring's test context cache pauses inactive ones) keeps its workers, because db-scheduler cannot start again
 * once stopped; a real stop is final.
 */
final class JobRuntime implements Jobs, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRuntime.class);

    private final Scheduler scheduler;
    private final String workerName;
    private final InstanceRole role;
    private final boolean runsJobs;
    private final Map<String, OneTimeJob> oneTimeJobs;
    private final List<String> recurringJobs;
    private volatile boolean running;
    private volatile boolean stopped;

    JobRuntime(Scheduler scheduler, String workerName, InstanceRole role, boolean runsJobs,
            List<OneTimeJob> oneTimeJobs, List<String> recurringJobs) {
        this.scheduler = scheduler;
        this.workerName = workerName;
        this.role = role;
        this.runsJobs = runsJobs;
        this.oneTimeJobs = oneTimeJobs.stream().collect(Collectors.toMap(OneTimeJob::name, Function.identity()));
        this.recurringJobs = recurringJobs;
    }

    @Override
    public boolean schedule(OneTimeJob job, String id, Instant at) {
        if (oneTimeJobs.get(job.name()) != job) {
            throw new IllegalArgumentException(job + " is not a bean of this application, so no worker would run it");
        }
        TaskInstance<String> instance = new TaskInstance<>(job.name(), id, id);
        return scheduler.scheduleIfNotExists(instance, at);
    }

    @Override
    public String workerName() {
        return workerName;
    }

    @Override
    public boolean runsJobs() {
        return runsJobs;
    }

    @Override
    public void start() {
        if (runsJobs) {
            if (stopped) {
                throw new IllegalStateException("The job runtime was stopped and db-scheduler cannot start again:"
                        + " restart the instance instead of the application context");
            }
            scheduler.start();
            log.info("Role {}: running jobs as {} (recurring: {}; one-time: {})", role, workerName,
                    String.join(", ", recurringJobs), String.join(", ", oneTimeJobs.keySet()));
        } else if (role.runsBackgroundWork()) {
            log.info("Role {} with bridgekeeper.sync.worker=false: this instance runs no jobs; it queues them for the"
                    + " workers", role);
        } else {
            log.info("Role {}: this instance runs no jobs; it queues them for the workers", role);
        }
        running = true;
    }

    @Override
    public void stop() {
        if (runsJobs && running) {
            scheduler.stop();
            stopped = true;
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }

    Scheduler scheduler() {
        return scheduler;
    }
}
