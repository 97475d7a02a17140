package dev.bridgekeeper.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPropertiesTest {

    private static WebhookProperties with(List<String> allowed, List<Duration> schedule, double jitter,
            Duration timeout) {
        return new WebhookProperties(false, allowed, 50, timeout, schedule, jitter, Duration.ofHours(1),
                Duration.ofDays(5), Duration.ofHours(24), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(1), new WebhookProperties.Dispatcher(true, Duration.ofMillis(200), 100, 32, 16,
                        Duration.ofMillis(10), 64, Duration.ofMillis(5), Duration.ofSeconds(5)));
    }

    @Test
    void blankAllowListEntriesAreIgnored() {
        WebhookProperties properties = with(List.of("", " 127.0.0.0/8 "), List.of(Duration.ZERO), 0.2,
                Duration.ofSeconds(15));
        assertThat(properties.allowedTargets()).containsExactly("127.0.0.0/8");
    }

    @Test
    void mistakesStopStartUpWithASentenceNamingTheVariable() {
        assertThatThrownBy(() -> with(List.of(), List.of(), 0.2, Duration.ofSeconds(15)))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("BRIDGEKEEPER_WEBHOOKS_RETRYSCHEDULE");
        assertThatThrownBy(() -> with(List.of(), List.of(Duration.ofSeconds(-1)), 0.2, Duration.ofSeconds(15)))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("none negative");
        assertThatThrownBy(() -> with(List.of(), List.of(Duration.ZERO), 1.5, Duration.ofSeconds(15)))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("BRIDGEKEEPER_WEBHOOKS_JITTER");
        assertThatThrownBy(() -> with(List.of(), List.of(Duration.ZERO), 0.2, Duration.ZERO))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("BRIDGEKEEPER_WEBHOOKS_TIMEOUT");
    }
}
