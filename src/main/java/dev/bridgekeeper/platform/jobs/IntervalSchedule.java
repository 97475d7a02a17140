package dev.bridgekeeper.platform.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;

/** db-scheduler's fixed delay, with the first run due a while after the job's row is created instead of at once. */
record IntervalSchedule(Duration interval, Duration firstRunAfter) implements Schedule {

    @Override
    public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
        return executionComplete.getTimeDone().plus(interval);
    }

    @Override
    public Instant getInitialExecutionTime(Instant now) {
        return now.plus(firstRunAfter);
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }
}
