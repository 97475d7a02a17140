package dev.bridgekeeper.consent.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The products as written under {@code bridgekeeper.products} (keyed by identifier) and the consent settings
 * under {@code bridgekeeper.consent}. Checked by meaning in {@link ProductCatalog} at start-up.
 */
@ConfigurationProperties("bridgekeeper")
record ProductProperties(Map<String, Definition> products, Consent consent) {

    ProductProperties {
        products = products == null ? Map.of() : products;
        consent = consent == null ? new Consent(null, null, null) : consent;
    }

    record Definition(String name, String purpose, Map<String, Source> sourceTypes, Texts consentTexts,
            Duration retention, Policy consentPolicy) {}

    record Source(Boolean required, List<String> dataTypes) {}

    record Texts(String version, String locale, String purpose, String access, String accountInformation,
            String platformData, String retention) {}

    record Policy(Duration duration, Map<String, Duration> sourceTypeDurations, Duration reminderLeadTime) {}

    /**
     * @param recordClientDetails keep the customer's IP address and user agent on consent records
     * @param expiryCheckInterval how often expiry, reminders and due data deletions are looked for
     * @param defaultPolicy       the policy of consents given by companies without products
     */
    record Consent(Boolean recordClientDetails, Duration expiryCheckInterval, Policy defaultPolicy) {

        Consent {
            recordClientDetails = recordClientDetails == null || recordClientDetails;
            expiryCheckInterval = expiryCheckInterval == null ? Duration.ofMinutes(5) : expiryCheckInterval;
            defaultPolicy = defaultPolicy == null ? new Policy(null, null, null) : defaultPolicy;
        }
    }
}
