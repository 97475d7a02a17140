/**
 * The application's one job runtime: db-scheduler on PostgreSQL, shared by every instance through the
 * {@code scheduled_tasks} table. A module declares its jobs as beans
 * ({@link dev.bridgekeeper.platform.jobs.RecurringJob}, {@link dev.bridgekeeper.platform.jobs.OneTimeJob}) with
 * schedules from its own configuration, and queues one-time jobs through {@link dev.bridgekeeper.platform.jobs.Jobs}
 * inside its own transaction. Which instances run them is decided by
 * {@link dev.bridgekeeper.platform.jobs.InstanceRole} ({@code bridgekeeper.role}).
 */
package dev.bridgekeeper.platform.jobs;
