package dev.bridgekeeper.sync;

import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import java.util.Map;
import java.util.UUID;

/**
 * Front door of the sync engine: queue pulls, and see their history and each data type's freshness. Pulls run
 * as db-scheduler jobs on whichever instance is a worker; queueing joins the caller's transaction.
 */
public interface DataSync {

    /** Queues every data type the company syncs, on each of its Linked connections. */
    void queueAll(UUID clientId, UUID companyId);

    /** Queues one data type on the company's Linked connections that offer it (or only on {@code connectionId}). */
    PullOperation queue(UUID clientId, UUID companyId, String dataType, UUID connectionId);

    /**
     * Queues these data types, as one batch, on each Linked connection whose platform offers them and whose
     * products and consents allow them (a product's refresh). Returns the pulls queued, possibly none.
     */
    java.util.List<PullOperation> queueDataTypes(UUID clientId, UUID companyId, java.util.List<String> dataTypes);

    Map<String, DataStatus> dataStatus(UUID clientId, UUID companyId);

    PagedResults<PullOperation> history(UUID clientId, UUID companyId, PageRequest page, String query,
            String orderBy);

    PullOperation pullOperation(UUID clientId, UUID companyId, UUID datasetId);
}
