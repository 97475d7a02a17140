package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> CODAT = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));

    private final RetrySchedule exact = new RetrySchedule(CODAT, 0, Duration.ofHours(1), new Random(1));

    @Test
    void eachDelayFollowsTheListAndTheListLengthIsTheNumberOfAttempts() {
        assertThat(exact.attempts()).isEqualTo(8);
        assertThat(exact.first()).isZero();
        assertThat(exact.afterFailure(1, null)).contains(Duration.ofSeconds(5));
        assertThat(exact.afterFailure(2, null)).contains(Duration.ofMinutes(5));
        assertThat(exact.afterFailure(7, null)).contains(Duration.ofHours(10));
        assertThat(exact.afterFailure(8, null)).as("eight attempts, then give up").isEmpty();
        Duration total = CODAT.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isEqualTo(Duration.ofHours(27).plusMinutes(35).plusSeconds(5));
    }

    @Test
    void jitterSpreadsEachDelayWithinItsFraction() {
        RetrySchedule jittered = new RetrySchedule(CODAT, 0.2, Duration.ofHours(1), new Random(7));
        for (int i = 0; i < 500; i++) {
            Duration delay = jittered.afterFailure(2, null).orElseThrow();
            assertThat(delay).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        }
        assertThat(jittered.first()).as("immediately stays immediately").isZero();
    }

    @Test
    void retryAfterPostponesWithinTheBoundButNeverBringsAnAttemptForward() {
        assertThat(exact.afterFailure(1, Duration.ofSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(exact.afterFailure(1, Duration.ofSeconds(2))).as("the schedule is the floor")
                .contains(Duration.ofSeconds(5));
        assertThat(exact.afterFailure(1, Duration.ofDays(3))).as("the bound is the ceiling")
                .contains(Duration.ofHours(1));
        assertThat(exact.afterFailure(8, Duration.ofSeconds(1))).isEqualTo(Optional.empty());
    }
}
