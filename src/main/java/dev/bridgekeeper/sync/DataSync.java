package dev.bridgekeeper.sync;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Front door of the sync engine: queue pulls, and see their history and each data type's freshness. Pulls run
 * as jobs on whichever instance runs jobs ({@code bridgekeeper.role}); queueing joins the caller's transaction.
 * Every method answers 404 when the company is not the client's.
 */
public interface DataSync {

    /** Queues every data type the company syncs, on each of its Linked connections. */
    void queueAll(ClientId clientId, CompanyId companyId);

    /**
     * Queues one data type on the company's Linked connections that offer it (or only on {@code connectionId}
     * when it is not null).
     */
    PullOperation queue(ClientId clientId, CompanyId companyId, String dataType, ConnectionId connectionId);

    /**
     * Queues these data types, as one batch, on each Linked connection whose platform offers them and whose
     * products and consents allow them (a product's refresh). Returns the pulls queued, possibly none.
     */
    List<PullOperation> queueDataTypes(ClientId clientId, CompanyId companyId, List<String> dataTypes);

    Map<String, DataStatus> dataStatus(ClientId clientId, CompanyId companyId);

    /** One page of the company's pulls, newest first unless {@code orderBy} says otherwise. */
    Slice<PullOperation> history(ClientId clientId, CompanyId companyId, PageRequest page, String query,
            String orderBy);

    PullOperation pullOperation(ClientId clientId, CompanyId companyId, UUID datasetId);

    /** When data last arrived from each of the company's connections: its newest completed pull's end. */
    Map<ConnectionId, Instant> lastCompleted(ClientId clientId, CompanyId companyId);
}
