package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {

    private final EndpointHealth health = new EndpointHealth(Duration.ofDays(5));
    private final Instant now = Instant.parse("2025-03-10T12:00:00Z");

    private static AttemptOutcome status(int code) {
        return new AttemptOutcome(code, 12, "", null, null);
    }

    private static AttemptOutcome noAnswer() {
        return new AttemptOutcome(null, 12, null, "Could not connect: Connection refused.", null);
    }

    @Test
    void aSuccessClearsTheRunOfFailures() {
        EndpointHealth.Verdict verdict = health.after(now.minus(Duration.ofDays(4)), status(204), now);
        assertThat(verdict.failingSince()).isNull();
        assertThat(verdict.disable()).isFalse();
    }

    @Test
    void theFirstFailureStartsARunThatLaterFailuresKeep() {
        assertThat(health.after(null, status(500), now).failingSince()).isEqualTo(now);
        Instant start = now.minus(Duration.ofDays(2));
        EndpointHealth.Verdict verdict = health.after(start, noAnswer(), now);
        assertThat(verdict.failingSince()).isEqualTo(start);
        assertThat(verdict.disable()).isFalse();
    }

    @Test
    void failingWithoutABreakForTheWholePeriodDisables() {
        Instant start = now.minus(Duration.ofDays(5));
        EndpointHealth.Verdict verdict = health.after(start, noAnswer(), now);
        assertThat(verdict.disable()).isTrue();
        assertThat(verdict.disableReason()).contains("since " + start).contains("Connection refused");
        assertThat(health.after(now.minus(Duration.ofDays(5)).plusSeconds(1), status(503), now).disable()).isFalse();
    }

    @Test
    void goneDisablesAtOnce() {
        EndpointHealth.Verdict verdict = health.after(null, status(410), now);
        assertThat(verdict.disable()).isTrue();
        assertThat(verdict.disableReason()).contains("410");
    }

    @Test
    void aRedirectIsAFailureNotASuccess() {
        assertThat(status(302).succeeded()).isFalse();
        assertThat(status(299).succeeded()).isTrue();
        assertThat(health.after(null, status(302), now).failingSince()).isEqualTo(now);
    }
}
