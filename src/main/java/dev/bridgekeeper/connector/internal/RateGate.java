package dev.bridgekeeper.connector.internal;

import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.RatePolicy;
import dev.bridgekeeper.connector.RetryLater;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Applies a connector's {@link RatePolicy} to each call: first a slot of every in-flight limit, then a permit of
 * every window (so a call is counted as close as possible to when it reaches the vendor), waiting on the calling
 * thread up to {@code max-inline-wait} and otherwise ending the read with {@link RetryLater} (PACED). When the call
 * is answered its permits move to that moment: the vendor counted it somewhere between receiving and answering it,
 * so only a window counted from the answer is sure to end after the vendor's, however long the call took to arrive.
 */
@Component
class RateGate {

    private static final Duration SLOT_POLL = Duration.ofMillis(20);

    /** The limits of one binding, with their keys: shared by every call made under it. */
    record Meter(List<RateLimiter.Window> windows, List<Slots> slots, List<String> blockKeys, String waitKey,
            Map<String, String> budgetKeys) {

        static final Meter NONE = new Meter(List.of(), List.of(), List.of(), null, Map.of());

        boolean isNone() {
            return windows.isEmpty() && slots.isEmpty();
        }
    }

    record Slots(String name, String key, int slots) {}

    /** The slots a call holds until its answer is read. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private static final Pass NOTHING = () -> {};

    private final RateLimiter limiter;
    private final ConnectorProperties properties;

    RateGate(RateLimiter limiter, ConnectorProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    /** The keys and values of {@code policy} (with configured overrides) for calls made under {@code binding}. */
    Meter meter(HttpBinding binding, RatePolicy policy, IntegrationSettings settings) {
        if (!binding.metered() || policy.isEmpty() || binding.appClientId() == null) {
            return Meter.NONE;
        }
        String app = binding.integration().key() + "|" + binding.appClientId();
        String tenant = binding.organisationId() == null ? null : app + "|" + binding.organisationId();
        List<RateLimiter.Window> windows = new ArrayList<>();
        for (RatePolicy.Limit limit : policy.limits()) {
            String base = limit.scope() == RatePolicy.Scope.TENANT ? tenant : app;
            if (base == null) {
                continue; // a tenant limit does not count calls made for no organisation
            }
            IntegrationSettings.RateLimit override = settings.rateLimit(limit.name()).orElse(null);
            windows.add(new RateLimiter.Window(base + "|" + limit.name(),
                    override != null && override.permits() != null ? override.permits() : limit.permits(),
                    override != null && override.window() != null ? override.window() : limit.window()));
        }
        List<Slots> slots = new ArrayList<>();
        for (RatePolicy.Concurrency c : policy.concurrency()) {
            String base = c.scope() == RatePolicy.Scope.TENANT ? tenant : app;
            if (base != null) {
                IntegrationSettings.RateLimit override = settings.rateLimit(c.name()).orElse(null);
                slots.add(new Slots(c.name(), base + "|" + c.name(),
                        override != null && override.permits() != null ? override.permits() : c.slots()));
            }
        }
        Map<String, String> budgets = new java.util.LinkedHashMap<>();
        policy.budgetHeaders().forEach((header, limitName) -> budgets.put(header.toLowerCase(Locale.ROOT),
                windows.stream().filter(w -> w.key().endsWith("|" + limitName)).map(RateLimiter.Window::key)
                        .findFirst().orElse((tenant != null ? tenant : app) + "|" + limitName)));
        List<String> blockKeys = tenant == null ? List.of(app) : List.of(app, tenant);
        return new Meter(List.copyOf(windows), List.copyOf(slots), blockKeys, tenant != null ? tenant : app,
                Map.copyOf(budgets));
    }

    /** Takes the slots and permits of one call, waiting inline when the wait is short. */
    Pass enter(Meter meter) {
        if (meter.isNone()) {
            return NOTHING;
        }
        long deadline = System.nanoTime() + properties.rateLimits().maxInlineWait().toNanos();
        List<Runnable> releases = new ArrayList<>();
        Pass pass = () -> { // every release runs even if one fails (a lost database): a held slot only ends by lease
            RuntimeException failed = null;
            for (Runnable release : releases) {
                try {
                    release.run();
                } catch (RuntimeException e) {
                    failed = failed == null ? e : failed;
                }
            }
            releases.clear();
            if (failed != null) {
                throw failed;
            }
        };
        try {
            Duration lease = properties.http().responseTimeout().plusSeconds(5);
            for (Slots s : meter.slots()) {
                Integer slot = null;
                while (slot == null) {
                    slot = limiter.claimSlot(s.key(), s.slots(), lease).orElse(null);
                    if (slot == null) {
                        if (System.nanoTime() + SLOT_POLL.toNanos() > deadline) {
                            throw new RetryLater(RetryLater.Reason.PACED, Duration.ofSeconds(1), "All "
                                    + s.slots() + " calls the " + s.name() + " limit allows are in flight.");
                        }
                        LockSupport.parkNanos(SLOT_POLL.toNanos());
                    }
                }
                int claimed = slot;
                releases.add(() -> limiter.releaseSlot(s.key(), claimed, properties.rateLimits().slotReleaseDelay()));
            }
            UUID call = UUID.randomUUID();
            while (true) {
                Duration wait = limiter.acquire(meter.windows(), meter.blockKeys(), properties.rateLimits().margin(),
                        call);
                if (wait.isZero()) {
                    // first of the releases: the permits count from the answer, before the slots free up
                    releases.add(0, () -> limiter.answered(call, meter.windows()));
                    return pass;
                }
                if (System.nanoTime() + wait.toNanos() > deadline) {
                    // the read comes back half an inline wait early and waits the rest here: a job due at a
                    // moment starts up to a polling interval later, which would otherwise delay every window
                    Duration inline = properties.rateLimits().maxInlineWait();
                    Duration comeBack = wait.compareTo(inline) > 0 ? wait.minus(inline.dividedBy(2)) : wait;
                    throw new RetryLater(RetryLater.Reason.PACED, comeBack, "Waiting " + wait.toMillis()
                            + " ms for the platform's rate limits (" + names(meter) + ").");
                }
                LockSupport.parkNanos(wait.toNanos());
            }
        } catch (RuntimeException e) {
            pass.close();
            throw e;
        }
    }

    /** A 429: every instance waits until {@code until} before calling under this binding's organisation again. */
    void vendorAskedToWait(Meter meter, Instant until, String target) {
        if (meter.waitKey() != null) {
            limiter.block(meter.waitKey(), until, "429 to " + target);
        }
    }

    /** Records the vendor's remaining-budget headers of an answer. */
    void observe(Meter meter, PlatformResponse response) {
        meter.budgetKeys().forEach((header, key) -> response.header(header).ifPresent(value -> {
            try {
                limiter.budget(key, Long.parseLong(value.trim()));
            } catch (NumberFormatException ignored) {
                // a vendor's malformed header is not worth failing a read for
            }
        }));
    }

    private static String names(Meter meter) {
        return String.join(", ", meter.windows().stream().map(w -> w.key().substring(w.key().lastIndexOf('|') + 1)
                + " " + w.permits() + " per " + w.window()).toList());
    }
}
