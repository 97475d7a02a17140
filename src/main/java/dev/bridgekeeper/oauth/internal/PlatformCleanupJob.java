package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The durable clean-up at a platform after an unlink or delete: a one-time job per pending clean-up
 * ({@code platform_cleanup}), queued in the transaction that moved the tokens there. It runs the steps that apply,
 * recording each success, and deletes the row when all are done. A failure is tried again with backoff
 * ({@link OAuthJobs}); a worker that dies mid-call leaves the job to another worker, which goes on from the first
 * step not recorded.
 */
@Component
class PlatformCleanupJob {

    static final String NAME = "oauth-platform-cleanup";
    private static final Logger log = LoggerFactory.getLogger(PlatformCleanupJob.class);

    private final PlatformCleanups cleanups;
    private final IntegrationCatalog catalog;
    private final List<PlatformCleanupStep> steps;

    PlatformCleanupJob(PlatformCleanups cleanups, IntegrationCatalog catalog, List<PlatformCleanupStep> steps) {
        this.cleanups = cleanups;
        this.catalog = catalog;
        this.steps = steps.stream().sorted(Comparator.comparingInt(PlatformCleanupStep::order)).toList();
    }

    /** Whether anything is to be done at the platform: only then do the tokens wait for a job instead of going. */
    boolean needed(Integration integration) {
        return steps.stream().anyMatch(step -> step.appliesTo(integration));
    }

    /** One run: the steps not done yet, in order; the row goes once all have succeeded. */
    Instant run(String id) throws Exception {
        UUID cleanupId = UUID.fromString(id);
        Optional<PlatformCleanups.Pending> found = cleanups.find(cleanupId);
        if (found.isEmpty()) {
            return null; // done before: the row's deletion committed, the execution's removal did not
        }
        PlatformCleanups.Pending pending = found.get();
        Optional<Integration> integration = catalog.find(pending.platformKey());
        if (integration.isEmpty()) {
            log.warn("The tokens of connection {} cannot be revoked: platform {} is no longer in the catalog",
                    pending.connectionId(), pending.platformKey());
            cleanups.delete(cleanupId);
            return null;
        }
        for (PlatformCleanupStep step : steps) {
            if (step.appliesTo(integration.get()) && !pending.stepsDone().contains(step.name())) {
                step.run(integration.get(), pending);
                cleanups.stepDone(cleanupId, step.name());
            }
        }
        cleanups.delete(cleanupId);
        return null;
    }

    /** After the last failed attempt: forgotten here, the tokens stay valid at the platform until they expire. */
    void giveUp(String id, Throwable lastFailure) {
        UUID cleanupId = UUID.fromString(id);
        cleanups.find(cleanupId).ifPresent(pending -> log.warn("Gave up cleaning up connection {} at {} ({});"
                        + " its tokens stay valid there until they expire or are revoked at the platform",
                pending.connectionId(), pending.platformKey(),
                lastFailure == null ? "no answer" : lastFailure.getMessage()));
        cleanups.delete(cleanupId);
    }
}
