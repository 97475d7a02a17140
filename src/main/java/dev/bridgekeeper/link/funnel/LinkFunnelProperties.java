package dev.bridgekeeper.link.funnel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Policies of the Link journey funnel.
 *
 * @param abandonedAfter              a journey whose last step is not linked or failed and is older than this
 *                                    counts as abandoned at that step
 * @param retention                   journeys whose last step is older than this are deleted
 * @param purgeInterval               how often the retention job runs
 * @param maxStepsPerJourney          beacon steps kept per journey; more are refused with a 429
 * @param maxJourneysPerCompanyPerHour new browser journeys per company per hour; more are refused with a 429
 * @param maxRangeDays                the longest date range {@code GET /link/analytics} answers for
 */
@ConfigurationProperties("bridgekeeper.link.funnel")
public record LinkFunnelProperties(
        @DefaultValue("PT30M") Duration abandonedAfter,
        @DefaultValue("P90D") Duration retention,
        @DefaultValue("PT1H") Duration purgeInterval,
        @DefaultValue("50") int maxStepsPerJourney,
        @DefaultValue("60") int maxJourneysPerCompanyPerHour,
        @DefaultValue("92") int maxRangeDays) {}
