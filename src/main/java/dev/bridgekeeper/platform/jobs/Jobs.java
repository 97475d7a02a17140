package dev.bridgekeeper.platform.jobs;

import java.time.Instant;

/**
 * The job runtime's front door for modules: queues one-time jobs. Scheduling joins the caller's transaction, so a
 * job exists exactly when the change that asked for it committed; any instance may schedule, whatever its role, and
 * the workers run it.
 */
public interface Jobs {

    /**
     * Queues {@code job} for {@code id}, due at {@code at}, unless an execution with that id is already waiting.
     * Returns whether one was queued.
     */
    boolean schedule(OneTimeJob job, String id, Instant at);

    /** The name this instance's runs carry in {@code scheduled_tasks.picked_by} (host name, process id, number). */
    String workerName();

    /** Whether this instance runs jobs: its role runs background work and {@code bridgekeeper.sync.worker} is on. */
    boolean runsJobs();
}
