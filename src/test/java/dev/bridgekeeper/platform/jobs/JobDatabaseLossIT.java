package dev.bridgekeeper.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.support.ApiIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Jobs whose run loses its database connection, as a PostgreSQL restart cuts it (the run's own backend terminated:
 * SQLSTATE 57P01). The runtime runs each again within seconds, not after db-scheduler's five minutes or the
 * recurring job's hour, and a job with a bounded retry does not spend an attempt on it.
 */
@ApiIntegrationTest
@Import(JobDatabaseLossIT.CuttingJobs.class)
// jobs only this context knows: a database of its own, so no other context's worker picks them
@TestPropertySource(properties = "bridgekeeper.data-dir=target/it-data-job-database-loss")
class JobDatabaseLossIT {

    /** What each job's runs did, by job and id, in order. */
    static final ConcurrentHashMap<String, List<String>> RUNS = new ConcurrentHashMap<>();

    @Autowired
    Jobs jobs;

    @Autowired
    CuttingJobs cutting;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aOneTimeJobThatLostTheDatabaseRunsAgainWithinSeconds() {
        String id = UUID.randomUUID().toString();
        jobs.schedule(cutting.cutOnce, id, Instant.now());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs("cut-once", id), list -> list.equals(List.of("cut", "done")));
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = 'cut-once'"
                + " and task_instance = ?", Integer.class, id)).as("done: removed").isZero();
    }

    @Test
    void aLostDatabaseIsNotCountedAgainstAJobsOwnRetries() {
        // two attempts: the cut, if counted, would leave one, spent by the job's own failure; then it would give up
        String id = UUID.randomUUID().toString();
        jobs.schedule(cutting.cutThenFailOnce, id, Instant.now());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs("cut-then-fail-once", id), list -> list.size() >= 3);
        assertThat(runs("cut-then-fail-once", id)).containsExactly("cut", "failed", "done");
        assertThat(cutting.gaveUp).as("no attempt left for the job's own failure").isEmpty();
    }

    @Test
    void aRecurringJobThatLostTheDatabaseRunsAgainBeforeItsInterval() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs("hourly-cut-once", "recurring"), list -> list.equals(List.of("cut", "done")));
        assertThat(jdbc.queryForObject("select execution_time > now() + interval '50 minutes' from scheduled_tasks"
                + " where task_name = 'hourly-cut-once'", Boolean.class)).as("next run: an hour after the good one")
                .isTrue();
    }

    private static List<String> runs(String job, String id) {
        return List.copyOf(RUNS.getOrDefault(job + "/" + id, List.of()));
    }

    private static List<String> log(String job, String id) {
        return RUNS.computeIfAbsent(job + "/" + id, key -> new CopyOnWriteArrayList<>());
    }

    /** Kills the connection it runs on, as a restarting PostgreSQL does. */
    private static void cutOwnConnection(JdbcTemplate jdbc) {
        jdbc.queryForObject("select pg_terminate_backend(pg_backend_pid())", Boolean.class);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CuttingJobs {

        final List<String> gaveUp = new CopyOnWriteArrayList<>();
        final AtomicInteger hourlyRuns = new AtomicInteger();
        OneTimeJob cutOnce;
        OneTimeJob cutThenFailOnce;

        @Bean
        OneTimeJob cutOnceJob(JdbcTemplate jdbc) {
            cutOnce = OneTimeJob.named("cut-once", id -> {
                List<String> runs = log("cut-once", id);
                if (runs.isEmpty()) {
                    runs.add("cut");
                    cutOwnConnection(jdbc);
                }
                runs.add("done");
                return null;
            });
            return cutOnce;
        }

        @Bean
        OneTimeJob cutThenFailOnceJob(JdbcTemplate jdbc) {
            cutThenFailOnce = OneTimeJob.named("cut-then-fail-once", id -> {
                List<String> runs = log("cut-then-fail-once", id);
                if (runs.isEmpty()) {
                    runs.add("cut");
                    cutOwnConnection(jdbc);
                }
                if (runs.size() == 1) {
                    runs.add("failed");
                    throw new IllegalStateException("the job's own failure");
                }
                runs.add("done");
                return null;
            }).retryWithBackoff(Duration.ofMillis(500), Duration.ofMillis(500), 2, (id, failure) -> gaveUp.add(id));
            return cutThenFailOnce;
        }

        @Bean
        RecurringJob hourlyCutOnce(JdbcTemplate jdbc) {
            return RecurringJob.every("hourly-cut-once", Duration.ofHours(1), () -> {
                List<String> runs = log("hourly-cut-once", "recurring");
                if (hourlyRuns.getAndIncrement() == 0) {
                    runs.add("cut");
                    cutOwnConnection(jdbc);
                }
                runs.add("done");
            });
        }
    }
}
