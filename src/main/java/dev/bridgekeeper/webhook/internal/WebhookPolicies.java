package dev.bridgekeeper.webhook.internal;

import dev.bridgekeeper.webhook.WebhookProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;

/** The configured policies as objects, and the one clock they are applied with. */
@Component
class WebhookPolicies {

    /** Thread-safe: attempts are settled on several sender threads at once. */
    private static final RandomGenerator SHARED_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private final WebhookProperties properties;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final EndpointHealth health;

    WebhookPolicies(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter(), properties.retryAfterMax(),
                SHARED_RANDOM);
        this.health = new EndpointHealth(properties.disableAfter());
    }

    RetrySchedule schedule() {
        return schedule;
    }

    EndpointHealth health() {
        return health;
    }

    WebhookProperties properties() {
        return properties;
    }

    /** Now, at PostgreSQL's precision, so a time written and read back compares equal. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
