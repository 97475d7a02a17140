package dev.bridgekeeper.platform.jobs;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import java.util.Objects;

/**
 * A job that runs every {@code interval} (counted from the end of the previous run), on one worker at a time across
 * all instances. A module declares it as a bean with the interval from its own configuration; the runtime creates its
 * row in {@code scheduled_tasks} on a worker's first start, due {@code firstRunAfter} later, and keeps it from then
 * on, so a restart neither skips nor doubles a run. A run that throws is logged and the job runs again after the
 * interval; one that lost the database ({@link DatabaseOutage}) runs again within seconds.
 *
 * @param name          stable name, the row's {@code task_name}: renaming it leaves the old row behind
 * @param interval      pause between the end of one run and the start of the next
 * @param firstRunAfter how long after the row is first created the first run is due
 * @param work          what a run does; it must be safe to repeat (a run cut short by a crash is run again)
 */
public record RecurringJob(String name, Duration interval, Duration firstRunAfter, Runnable work) {

    public RecurringJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new StartupProblem("The interval of the recurring job " + name + " must be a positive duration; got "
                    + interval + ".");
        }
        if (firstRunAfter == null || firstRunAfter.isNegative()) {
            throw new StartupProblem("The first-run delay of the recurring job " + name
                    + " must be a duration of zero or more; got " + firstRunAfter + ".");
        }
    }

    /** A job whose first run is due as soon as a worker has created its row. */
    public static RecurringJob every(String name, Duration interval, Runnable work) {
        return new RecurringJob(name, interval, Duration.ZERO, work);
    }

    /** The same job, its first run due this long after its row is created. */
    public RecurringJob withFirstRunAfter(Duration delay) {
        return new RecurringJob(name, interval, delay, work);
    }
}
