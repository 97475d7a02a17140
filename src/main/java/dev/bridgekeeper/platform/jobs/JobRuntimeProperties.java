package dev.bridgekeeper.platform.jobs;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The job runtime's settings. They keep the {@code bridgekeeper.sync.*} names they had when sync owned the
 * scheduler (so existing configurations go on working); they apply to every job. Documented in application.yaml.
 *
 * @param worker            false: this instance runs no jobs even where its role would (a finer switch than
 *                          {@code bridgekeeper.role}, e.g. for an instance that only dispatches webhooks)
 * @param threads           jobs run at once on this instance
 * @param pollingInterval   how often an idle worker looks for due jobs
 * @param heartbeatInterval how often a running job proves it is alive; six missed ones and another worker takes it
 */
@ConfigurationProperties("bridgekeeper.sync")
record JobRuntimeProperties(Boolean worker, Integer threads, Duration pollingInterval, Duration heartbeatInterval) {

    JobRuntimeProperties {
        worker = worker == null || worker;
        threads = threads == null ? 4 : threads;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(2) : pollingInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(30) : heartbeatInterval;
        if (threads < 1) {
            throw new StartupProblem("bridgekeeper.sync.threads (BRIDGEKEEPER_SYNC_THREADS) must be 1 or more; got "
                    + threads + ".");
        }
        if (pollingInterval.isZero() || pollingInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatInterval.isNegative()) {
            throw new StartupProblem("bridgekeeper.sync.polling-interval and .heartbeat-interval must be positive"
                    + " durations.");
        }
    }
}
