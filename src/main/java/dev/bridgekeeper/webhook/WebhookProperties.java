package dev.bridgekeeper.webhook;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook policies, all from {@code bridgekeeper.webhooks} (documented in application.yaml).
 *
 * @param allowHttp             accept plain http:// consumer URLs (local development and tests only)
 * @param allowedTargets        CIDR ranges a consumer may resolve to even though they are private,
 *                              loopback or link-local (e.g. 127.0.0.0/8 for local development)
 * @param maxConsumersPerClient most consumers one client may have (Codat's limit is 50)
 * @param timeout               the whole of one delivery attempt: connect, send and read the answer
 * @param retrySchedule         delay before each attempt: the first after the event, each next after
 *                              the previous failure; its length is the number of attempts
 * @param jitter                each delay is spread by up to this fraction either way (0.2 = ±20 %)
 * @param retryAfterMax         the longest a receiver's Retry-After may postpone the next attempt
 * @param disableAfter          an endpoint whose attempts have failed without a break for this long is disabled
 * @param secretRotationOverlap after a rotation the old secret also signs for this long
 * @param retention             messages and their attempt log are kept this long
 * @param purgeInterval         how often the retention purge runs
 * @param purgeInitialDelay     how long after the purge job is first created its first run is due
 * @param dispatcher            the delivery worker
 */
@ConfigurationProperties("bridgekeeper.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("") List<String> allowedTargets,
        @DefaultValue("50") int maxConsumersPerClient,
        @DefaultValue("PT15S") Duration timeout,
        @DefaultValue("0s,5s,5m,30m,2h,5h,10h,10h") List<Duration> retrySchedule,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("PT1H") Duration retryAfterMax,
        @DefaultValue("P5D") Duration disableAfter,
        @DefaultValue("PT24H") Duration secretRotationOverlap,
        @DefaultValue("P30D") Duration retention,
        @DefaultValue("PT1H") Duration purgeInterval,
        @DefaultValue("PT1M") Duration purgeInitialDelay,
        @DefaultValue Dispatcher dispatcher) {

    /**
     * @param enabled      false: no dispatcher on this instance even where its role ({@code bridgekeeper.role})
     *                     runs background work (its events are still written to the outbox and sent by the
     *                     instances that dispatch)
     * @param pollInterval pause between two looks for due deliveries when there was nothing to do
     * @param batchSize    most deliveries claimed by one look
     * @param concurrency  most deliveries in flight at once on this instance
     * @param maxInFlightPerConsumer most deliveries one consumer has claimed and not yet recorded, over all
     *                     instances together, so a slow endpoint cannot hold every sender; kept below
     *                     {@code concurrency} so other consumers always have senders
     * @param wakeDelay    how long a look that an outbox write asked for waits, so the events of that moment
     *                     are claimed together in one statement instead of one claim per event
     * @param recordBatchSize most attempt outcomes recorded together in one transaction
     * @param recordWindow    how long the recorder waits after an outcome for more to record with it
     * @param heartbeatInterval how often a dispatcher proves it is alive; one silent for four intervals counts as
     *                     dead and the other dispatchers release its claimed deliveries
     */
    public record Dispatcher(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT0.2S") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("32") int concurrency,
            @DefaultValue("16") int maxInFlightPerConsumer,
            @DefaultValue("PT0.01S") Duration wakeDelay,
            @DefaultValue("64") int recordBatchSize,
            @DefaultValue("PT0.005S") Duration recordWindow,
            @DefaultValue("PT5S") Duration heartbeatInterval) {}

    public WebhookProperties {
        allowedTargets = allowedTargets == null ? List.of()
                : allowedTargets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (retrySchedule == null || retrySchedule.isEmpty() || retrySchedule.stream().anyMatch(Duration::isNegative)) {
            throw new StartupProblem("bridgekeeper.webhooks.retry-schedule (BRIDGEKEEPER_WEBHOOKS_RETRYSCHEDULE) must"
                    + " list at least one delay, none negative, e.g. 0s,5s,5m,30m,2h,5h,10h,10h.");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new StartupProblem("bridgekeeper.webhooks.jitter (BRIDGEKEEPER_WEBHOOKS_JITTER) must be at least 0"
                    + " and below 1, e.g. 0.2 for ±20 %; got " + jitter + ".");
        }
        requirePositive(timeout, "timeout", "BRIDGEKEEPER_WEBHOOKS_TIMEOUT");
        requirePositive(retryAfterMax, "retry-after-max", "BRIDGEKEEPER_WEBHOOKS_RETRYAFTERMAX");
        requirePositive(disableAfter, "disable-after", "BRIDGEKEEPER_WEBHOOKS_DISABLEAFTER");
        requirePositive(retention, "retention", "BRIDGEKEEPER_WEBHOOKS_RETENTION");
        requirePositive(purgeInterval, "purge-interval", "BRIDGEKEEPER_WEBHOOKS_PURGEINTERVAL");
        if (purgeInitialDelay == null || purgeInitialDelay.isNegative()) {
            throw new StartupProblem("bridgekeeper.webhooks.purge-initial-delay"
                    + " (BRIDGEKEEPER_WEBHOOKS_PURGEINITIALDELAY) must be a duration of zero or more, e.g. PT1M.");
        }
        if (secretRotationOverlap == null || secretRotationOverlap.isNegative()) {
            throw new StartupProblem("bridgekeeper.webhooks.secret-rotation-overlap"
                    + " (BRIDGEKEEPER_WEBHOOKS_SECRETROTATIONOVERLAP) must be a duration of zero or more, e.g. PT24H.");
        }
        if (maxConsumersPerClient < 1) {
            throw new StartupProblem("bridgekeeper.webhooks.max-consumers-per-client must be 1 or more.");
        }
        if (dispatcher == null) {
            dispatcher = new Dispatcher(true, Duration.ofMillis(200), 100, 32, 16, Duration.ofMillis(10), 64,
                    Duration.ofMillis(5), Duration.ofSeconds(5));
        }
        requirePositive(dispatcher.pollInterval(), "dispatcher.poll-interval",
                "BRIDGEKEEPER_WEBHOOKS_DISPATCHER_POLLINTERVAL");
        requirePositive(dispatcher.heartbeatInterval(), "dispatcher.heartbeat-interval",
                "BRIDGEKEEPER_WEBHOOKS_DISPATCHER_HEARTBEATINTERVAL");
        if (dispatcher.batchSize() < 1 || dispatcher.concurrency() < 1) {
            throw new StartupProblem("bridgekeeper.webhooks.dispatcher.batch-size and .concurrency must be 1 or more.");
        }
        if (dispatcher.maxInFlightPerConsumer() < 1) {
            throw new StartupProblem("bridgekeeper.webhooks.dispatcher.max-in-flight-per-consumer"
                    + " (BRIDGEKEEPER_WEBHOOKS_DISPATCHER_MAXINFLIGHTPERCONSUMER) must be 1 or more.");
        }
        if (dispatcher.recordBatchSize() < 1) {
            throw new StartupProblem("bridgekeeper.webhooks.dispatcher.record-batch-size must be 1 or more.");
        }
        if (dispatcher.recordWindow() == null || dispatcher.recordWindow().isNegative()) {
            throw new StartupProblem("bridgekeeper.webhooks.dispatcher.record-window must be a duration of zero or"
                    + " more, e.g. PT0.005S.");
        }
        if (dispatcher.wakeDelay() == null || dispatcher.wakeDelay().isNegative()) {
            throw new StartupProblem("bridgekeeper.webhooks.dispatcher.wake-delay must be a duration of zero or more,"
                    + " e.g. PT0.01S.");
        }
    }

    private static void requirePositive(Duration value, String key, String env) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new StartupProblem("bridgekeeper.webhooks." + key + " (" + env + ") must be a positive duration.");
        }
    }
}
