package dev.bridgekeeper.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The role switch's reading of its setting, the doubling retry delay of one-time jobs and of a lost database. */
class JobPoliciesTest {

    @Test
    void theRoleIsReadWhateverItsCaseAndDefaultsToAll() {
        assertThat(InstanceRole.of(new MockEnvironment())).isEqualTo(InstanceRole.ALL);
        assertThat(InstanceRole.of(new MockEnvironment().withProperty("bridgekeeper.role", " Worker ")))
                .isEqualTo(InstanceRole.WORKER);
        assertThat(InstanceRole.of(new MockEnvironment().withProperty("bridgekeeper.role", "API")))
                .isEqualTo(InstanceRole.API);
        assertThat(InstanceRole.API.runsBackgroundWork()).isFalse();
        assertThat(InstanceRole.WORKER.runsBackgroundWork()).isTrue();
        assertThat(InstanceRole.ALL.runsBackgroundWork()).isTrue();
    }

    @Test
    void anUnknownRoleIsAStartUpProblemNamingTheChoices() {
        assertThatThrownBy(() -> InstanceRole.of(new MockEnvironment().withProperty("bridgekeeper.role", "both")))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("bridgekeeper.role (BRIDGEKEEPER_ROLE) must be all, api or worker; got \"both\".");
    }

    @Test
    void theRetryDelayDoublesUpToItsLongest() {
        OneTimeJob.Backoff backoff = new OneTimeJob.Backoff(Duration.ofSeconds(30), Duration.ofMinutes(3), 10,
                (id, failure) -> {});
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(backoff.delayAfter(40)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aLostDatabaseIsTriedAgainAfterASecondDoublingUpToHalfAMinute() {
        assertThat(DatabaseOutageRetry.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DatabaseOutageRetry.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DatabaseOutageRetry.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(DatabaseOutageRetry.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DatabaseOutageRetry.delayAfter(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBackoffNeedsAnAttemptAndDelaysInOrder() {
        assertThatThrownBy(() -> new OneTimeJob.Backoff(Duration.ofMinutes(5), Duration.ofMinutes(1), 3,
                (id, failure) -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OneTimeJob.Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5), 0,
                (id, failure) -> {})).isInstanceOf(IllegalArgumentException.class);
    }
}
