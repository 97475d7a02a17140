package dev.bridgekeeper.connector.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a vendor emulator reads for everything the vendor dates (token expiry, look-back windows,
 * record timestamps), so a test can move days forward without waiting. It starts at real time and
 * then runs with real time plus whatever offset the test added; rate-limit windows stay on real time.
 */
public final class EmulatorClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Clock base;

    public EmulatorClock() {
        this(Clock.systemUTC());
    }

    public EmulatorClock(Clock base) {
        this.base = base;
    }

    /** Moves this clock forward (or back, with a negative duration) by {@code by}. */
    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("an emulator clock is always UTC; format in the vendor's zone instead");
    }
}
