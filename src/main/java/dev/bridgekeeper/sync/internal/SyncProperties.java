package dev.bridgekeeper.sync.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How sync jobs run and how patiently readers treat platforms. Every field is documented in application.yaml;
 * a missing one takes the default below.
 */
@ConfigurationProperties("bridgekeeper.sync")
record SyncProperties(
        Boolean worker,
        Integer threads,
        Duration pollingInterval,
        Duration heartbeatInterval,
        Integer pageSize,
        Integer serverErrorAttempts,
        Duration serverErrorBackoff,
        Integer rateLimitAttempts,
        Duration maxRetryAfter,
        Duration fullSyncInterval,
        Duration scheduleCheckInterval,
        DataSize pageIndexMemory,
        Boolean directFirstSync,
        Integer pagesAhead) {

    SyncProperties {
        worker = worker == null || worker;
        threads = threads == null ? 4 : threads;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(2) : pollingInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(30) : heartbeatInterval;
        pageSize = pageSize == null ? 2000 : pageSize;
        serverErrorAttempts = serverErrorAttempts == null ? 4 : serverErrorAttempts;
        serverErrorBackoff = serverErrorBackoff == null ? Duration.ofSeconds(1) : serverErrorBackoff;
        rateLimitAttempts = rateLimitAttempts == null ? 5 : rateLimitAttempts;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofSeconds(60) : maxRetryAfter;
        fullSyncInterval = fullSyncInterval == null ? Duration.ofDays(7) : fullSyncInterval;
        scheduleCheckInterval = scheduleCheckInterval == null ? Duration.ofMinutes(1) : scheduleCheckInterval;
        pageIndexMemory = pageIndexMemory == null ? DataSize.ofMegabytes(64) : pageIndexMemory;
        directFirstSync = directFirstSync == null || directFirstSync;
        pagesAhead = pagesAhead == null ? 2 : pagesAhead;
        if (threads < 1 || pageSize < 1 || serverErrorAttempts < 1 || rateLimitAttempts < 1 || pagesAhead < 1) {
            throw new IllegalArgumentException("bridgekeeper.sync: threads, page-size, server-error-attempts,"
                    + " rate-limit-attempts and pages-ahead must be 1 or more");
        }
    }
}
