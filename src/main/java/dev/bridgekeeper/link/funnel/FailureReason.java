package dev.bridgekeeper.link.funnel;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a sign-in did not link, from the connection's error code (never its message, which can carry a platform's
 * words): the customer cancelled or denied (403), the organisation was already linked or is bound elsewhere (409),
 * anything else the platform or the exchange reported.
 */
enum FailureReason {
    CANCELLED("cancelled"),
    ORGANISATION_CONFLICT("organisationConflict"),
    PLATFORM_ERROR("platformError");

    private final String wire;

    FailureReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    String wire() {
        return wire;
    }

    static FailureReason ofStatusCode(String statusCode) {
        return switch (String.valueOf(statusCode)) {
            case "403" -> CANCELLED;
            case "409" -> ORGANISATION_CONFLICT;
            default -> PLATFORM_ERROR;
        };
    }
}
