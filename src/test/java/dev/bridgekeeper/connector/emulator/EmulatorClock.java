package dev.bridgekeeper.connector.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wall clock of a vendor emulator: real time plus an offset a test may move forward, so token
 * lifetimes (30 minutes, 60 days) can pass without waiting while rate-limit windows still run in real time.
 */
public final class EmulatorClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    /** Moves the emulator's time forward; everything that expires by time sees the jump at once. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("an emulator clock only moves forward");
        }
        offsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("an emulator clock is always UTC");
    }
}
