package dev.bridgekeeper.consent;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A product (use case) as configured under {@code bridgekeeper.products}: what it is for, which platforms and
 * data types it needs, the consent texts shown for it, how long cached data outlives a revoked consent, and
 * how long a consent lasts before the customer must reconfirm it.
 */
public record Product(
        String identifier,
        String name,
        String purpose,
        Map<String, SourceRequirement> sourceTypes,
        ConsentTexts consentTexts,
        Duration retention,
        ConsentPolicy consentPolicy) {

    /** One source type the product uses: whether the journey needs it and the data types read from it. */
    public record SourceRequirement(boolean required, List<String> dataTypes) {}

    /** The consent screen's sections, versioned as a whole; {placeholders} are filled when rendered. */
    public record ConsentTexts(String version, String locale, String purpose, String access,
            String accountInformation, String platformData, String retention) {}

    /**
     * How long a consent lasts ({@code duration}, or the source type's own, e.g. 90 days for open banking) and
     * how long before its end {@code consent.expiring} is sent.
     */
    public record ConsentPolicy(Duration duration, Map<String, Duration> sourceTypeDurations,
            Duration reminderLeadTime) {

        public Duration durationFor(String sourceType) {
            return sourceTypeDurations.getOrDefault(sourceType, duration);
        }
    }

    /** Every data type the product reads, over all its source types. */
    public List<String> dataTypes() {
        return sourceTypes.values().stream().flatMap(s -> s.dataTypes().stream()).distinct().toList();
    }

    /** The data types read from one source type; empty when the product does not use it. */
    public List<String> dataTypes(String sourceType) {
        SourceRequirement requirement = sourceTypes.get(sourceType);
        return requirement == null ? List.of() : requirement.dataTypes();
    }
}
