package dev.bridgekeeper.audit;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit log retention, from {@code bridgekeeper.audit} (documented in application.yaml).
 *
 * @param keepAfterCompanyDeletion a deleted company's chain is purged this long after its last entry
 *                                 (the {@code company.deleted} one); zero keeps chains for ever
 * @param purgeInterval            how often the purge looks for such chains
 */
@ConfigurationProperties("bridgekeeper.audit")
public record AuditProperties(
        @DefaultValue("P0D") Duration keepAfterCompanyDeletion,
        @DefaultValue("PT1H") Duration purgeInterval) {

    public AuditProperties {
        if (keepAfterCompanyDeletion.isNegative()) {
            throw new StartupProblem("bridgekeeper.audit.keep-after-company-deletion"
                    + " (BRIDGEKEEPER_AUDIT_KEEPAFTERCOMPANYDELETION) must be zero (keep for ever) or a positive"
                    + " duration such as P2190D.");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new StartupProblem("bridgekeeper.audit.purge-interval must be a positive duration such as PT1H.");
        }
    }
}
