package dev.bridgekeeper.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void formatsExactlyAsTheJdk() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-5_000_000_000L, 300_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), IsoInstants.format(instant));
        }
        assertEquals(Instant.EPOCH.toString(), IsoInstants.format(Instant.EPOCH));
        assertEquals(Instant.MAX.toString(), IsoInstants.format(Instant.MAX));
        assertEquals(Instant.MIN.toString(), IsoInstants.format(Instant.MIN));
    }

    @Test
    void parsesWhatTheJdkParsesTheSameWay() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), random.nextInt(1_000_000_000));
            String utc = instant.toString();
            assertEquals(instant, IsoInstants.parseCommon(utc));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(-18 * 60, 18 * 60 + 1)) * 60);
            String offsetText = OffsetDateTime.ofInstant(instant, offset).toString();
            if (offsetText.length() >= 25) { // seconds present, as the common shape needs
                assertEquals(OffsetDateTime.parse(offsetText).toInstant(), IsoInstants.parseCommon(offsetText));
            }
            String local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
            if (local.length() >= 19) {
                assertEquals(LocalDateTime.parse(local).toInstant(ZoneOffset.UTC), IsoInstants.parseCommon(local));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2025-06-01", "2025-06-01T10:00", "2025-02-30T00:00:00Z", "2025-06-01T24:00:00Z",
            "2025-06-01T23:59:60Z", "2025-06-01 10:00:00Z", "2025-06-01T10:00:00z", "2025-06-01T10:00:00+01:00:30",
            "2025-06-01T10:00:00.Z", "2025-06-01T10:00:00.1234567890Z", "2025-06-01T10:00:00+19:00",
            "2025-06-01T10:00:00Zx", "+2025-06-01T10:00:00Z", "2025-6-01T10:00:00Z", "2025-06-01T1a:00:00Z"})
    void leavesOtherShapesToTheJdk(String text) {
        assertNull(IsoInstants.parseCommon(text));
    }
}
