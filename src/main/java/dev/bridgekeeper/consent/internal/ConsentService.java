package dev.bridgekeeper.consent.internal;

import org.springframework.stereotype.Component;

/**
 * The lifecycle job's batches as the recurring task in {@link ConsentExpiry} calls them today. The logic is in
 * {@link ConsentLifecycleJob}; once the shared job runtime calls {@link ConsentLifecycleJob#run} this goes.
 */
@Component
class ConsentService {

    private final ConsentLifecycleJob job;

    ConsentService(ConsentLifecycleJob job) {
        this.job = job;
    }

    int remindDue(int limit) {
        return job.remindDue(limit);
    }

    int expireDue(int limit) {
        return job.expireDue(limit);
    }

    int deleteDue(int limit) {
        return job.deleteDue(limit);
    }
}
