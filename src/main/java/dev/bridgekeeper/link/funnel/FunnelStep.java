package dev.bridgekeeper.link.funnel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A step of the Link journey as the funnel counts it. The browser reports the first three and
 * {@code platformMissing}; the server records the rest from its own events, so a beacon cannot claim them. The
 * ladder is the order a successful journey climbs; {@code failed} and {@code platformMissing} sit beside it.
 */
enum FunnelStep {
    OPENED("opened", 1, true),
    SOURCE_TYPE_CHOSEN("sourceTypeChosen", 2, true),
    PLATFORM_CHOSEN("platformChosen", 3, true),
    CONSENT_AGREED("consentAgreed", 4, false),
    SIGN_IN_STARTED("signInStarted", 5, false),
    LINKED("linked", 6, false),
    FAILED("failed", 0, false),
    PLATFORM_MISSING("platformMissing", 0, true);

    /** The ladder, in order. */
    static final List<FunnelStep> LADDER = List.of(OPENED, SOURCE_TYPE_CHOSEN, PLATFORM_CHOSEN, CONSENT_AGREED,
            SIGN_IN_STARTED, LINKED);

    private final String wire;
    private final int rank;
    private final boolean fromBrowser;

    FunnelStep(String wire, int rank, boolean fromBrowser) {
        this.wire = wire;
        this.rank = rank;
        this.fromBrowser = fromBrowser;
    }

    @JsonValue
    String wire() {
        return wire;
    }

    int rank() {
        return rank;
    }

    boolean fromBrowser() {
        return fromBrowser;
    }

    /** A journey whose last step is one of these has ended; any other last step, left idle, is abandoned there. */
    boolean terminal() {
        return this == LINKED || this == FAILED;
    }

    static Optional<FunnelStep> ofWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
