package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connector.IncrementalSupport;
import dev.bridgekeeper.connector.ReadRequest;
import dev.bridgekeeper.connector.RetryLater;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.oauth.ConnectionDeauthorizedException;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.jobs.DatabaseOutage;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one dataset: Queued → Fetching (pages into staging, each page its own short transaction with the count of
 * pages staged) → Mapping → Complete (staging merged into the cache in one transaction). Re-running it is safe,
 * after a wait or a crash: a Fetching dataset goes on from the first page not staged yet, a Mapping one is
 * merged, a finished one is left. A platform asking to wait makes {@link #run} return a time instead of sleeping;
 * the db-scheduler execution is rescheduled for then.
 */
@Component
class SyncJob {

    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);

    private final DatasetStore datasets;
    private final RecordStore records;
    private final ConnectorReads reads;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final ConnectionCredentials credentials;
    private final DatasetCompletion completion;
    private final TransactionTemplate tx;
    private final SyncProperties properties;
    private final SyncFrom syncFrom;
    private final ScopeCheck scope;
    private final Clock clock;
    /** Short transactions of their own (progress) while a direct first sync holds its long one. */
    private final TransactionTemplate ownTx;

    SyncJob(DatasetStore datasets, RecordStore records, ConnectorReads reads,
            ConnectionManagement connections, IntegrationCatalog catalog, ConnectionCredentials credentials,
            DatasetCompletion completion, TransactionTemplate tx,
            SyncProperties properties, SyncFrom syncFrom, ScopeCheck scope, Clock clock) {
        this.datasets = datasets;
        this.records = records;
        this.reads = reads;
        this.connections = connections;
        this.catalog = catalog;
        this.credentials = credentials;
        this.completion = completion;
        this.tx = tx;
        this.properties = properties;
        this.syncFrom = syncFrom;
        this.scope = scope;
        this.clock = clock;
        this.ownTx = new TransactionTemplate(tx.getTransactionManager());
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Runs the dataset as far as it can go. Returns when the job should run again (the platform asked for a
     * wait: the dataset stays Fetching with its staged pages), or null when the dataset is finished.
     */
    Instant run(UUID datasetId) {
        Optional<DatasetRow> found = datasets.find(datasetId);
        if (found.isEmpty() || found.get().status().isTerminal()) {
            return null; // deleted with its connection, or already finished by an earlier attempt
        }
        DatasetRow dataset = found.get();
        PullOperationStatus at = dataset.status();
        try {
            Target target = targetOf(dataset);
            if (at == PullOperationStatus.Queued) {
                scope.requireCovered(dataset); // consent may have ended since the pull was queued
                dataset = startFetching(dataset, target.integration());
                at = PullOperationStatus.Fetching;
            }
            if (at == PullOperationStatus.Fetching) {
                Fetched fetched = fetch(dataset, target);
                if (fetched.completed()) {
                    return null;
                }
                if (fetched.retryAt() != null) {
                    return fetched.retryAt();
                }
                scope.requireCovered(dataset); // ... or while it was read: then nothing is merged
                move(dataset, PullOperationStatus.Fetching, PullOperationStatus.Mapping, 75, null);
                at = PullOperationStatus.Mapping;
            }
            DatasetRow merging = dataset;
            long mergeStarted = System.nanoTime();
            tx.executeWithoutResult(status -> {
                completion.lockOwners(merging);
                completion.complete(merging, null);
            });
            log.info("Dataset {} ({}) complete; merged in {} ms", dataset.id(), dataset.dataType(),
                    (System.nanoTime() - mergeStarted) / 1_000_000);
        } catch (ReadFailure e) {
            completion.fail(dataset, at, e.status(), e.getMessage());
        } catch (ConnectionDeauthorizedException e) {
            completion.fail(dataset, at, PullOperationStatus.AuthError, "The platform no longer accepts this"
                    + " connection's credentials; the customer must link it again.");
        } catch (ConnectionCredentials.TemporarilyUnavailableException e) {
            completion.fail(dataset, at, PullOperationStatus.FetchError, "The platform's token endpoint could not be"
                    + " reached: " + e.getMessage());
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) { // the pull did nothing wrong: the job runtime runs it again soon
                throw e;
            }
            if (datasets.find(dataset.id()).isEmpty()) { // its company or connection was deleted while it ran
                log.info("Dataset {} ({}) deleted while it ran: {}", dataset.id(), dataset.dataType(), e.toString());
                return null;
            }
            log.error("Sync of dataset {} ({}) failed unexpectedly", dataset.id(), dataset.dataType(), e);
            completion.fail(dataset, at, PullOperationStatus.InternalError,
                    "Bridgekeeper failed to sync this data type.");
        }
        return null;
    }

    /**
     * Reads the platform: straight into the cache for a first full read that has not started yet, when nothing but
     * the platform itself can make it wait (see {@link #fetchDirect}); otherwise into staging from the first page not
     * yet staged, each page and the dataset's page count committed together, so a page is never staged (or read)
     * twice by a resumed run.
     */
    private Fetched fetch(DatasetRow dataset, Target target) {
        DatasetStore.FetchState state = datasets.fetchState(dataset.id());
        // a connector with limits (Xero: 60 calls a minute) waits on them: one transaction cannot wait in the queue,
        // so a direct read would roll back and read every page again; its pace is the vendor's, not the writes'
        if (properties.directFirstSync() && Boolean.TRUE.equals(dataset.fullSync()) && state.pagesFetched() == 0
                && state.waitingUntil() == null && !reads.paced(target.integration())
                && !records.anyCached(dataset.companyId(), dataset.connectionId(), dataset.dataType())) {
            try {
                return fetchDirect(dataset, target, state);
            } catch (DuplicateKeyException e) {
                log.info("Dataset {} ({}): the platform listed a record twice; staging page by page instead",
                        dataset.id(), dataset.dataType());
            } catch (FirstSyncRaced e) {
                log.info("Dataset {} ({}): records were cached meanwhile; staging page by page instead",
                        dataset.id(), dataset.dataType());
            }
        }
        String cursor = state.resumeCursor();
        if (state.pagesFetched() > 0 && records.stagedCount(dataset.id()) == 0 && state.recordsStaged() > 0) {
            log.info("Dataset {} lost its staged pages (database restart); fetching from the start", dataset.id());
            tx.executeWithoutResult(status -> datasets.restartFetch(dataset.id()));
            cursor = null;
        }
        int pageSize = state.pageSize() != null ? state.pageSize() : properties.pageSize();
        ReadRequest request = new ReadRequest(dataset.dataType(), dataset.modifiedSince(), state.syncFrom(),
                SyncFrom.dateField(dataset.dataType()), cursor, pageSize);
        int[] number = {state.pagesFetched()};
        try {
            reads.read(dataset, target.connection(), target.integration(), request,
                    (page, nextCursor, percent) -> stagePage(dataset, page, ++number[0], nextCursor, percent));
            return new Fetched(null, false);
        } catch (RetryLater retry) {
            return new Fetched(retryAt(dataset, state, retry), false);
        }
    }

    /** How a fetch ended: every page staged, the whole pull completed (direct), or wait until retryAt. */
    private record Fetched(Instant retryAt, boolean completed) {}

    private static final class FirstSyncRaced extends RuntimeException {
        FirstSyncRaced() {
            super(null, null, false, false);
        }
    }

    /**
     * The first full read of a connection's data type, written straight into the cache: one transaction holds
     * the data type's lock, copies every page into {@code record} and completes the pull, so the records are
     * written once instead of staged and merged. Nothing is visible before the commit; a crash rolls it all back
     * (the next run starts again from page 1). A wait asked for by the platform also rolls back, and the retry
     * stages page by page (a transaction cannot wait in the queue). Only for connectors without limits of their own
     * (the sandboxes): Bridgekeeper's own pacing never throws pages away.
     */
    private Fetched fetchDirect(DatasetRow dataset, Target target, DatasetStore.FetchState state) {
        int pageSize = state.pageSize() != null ? state.pageSize() : properties.pageSize();
        ReadRequest request = new ReadRequest(dataset.dataType(), dataset.modifiedSince(), state.syncFrom(),
                SyncFrom.dateField(dataset.dataType()), null, pageSize);
        // a token about to expire is refreshed now, in its own transaction, not inside the long one below; uploaded
        // documents have no token
        if (!target.integration().auth().upload()) {
            credentials.accessToken(dataset.client(), dataset.company(), dataset.connection());
        }
        try {
            tx.executeWithoutResult(status -> {
                completion.lockOwners(dataset);
                datasets.lockDataType(dataset.connectionId(), dataset.dataType());
                if (records.anyCached(dataset.companyId(), dataset.connectionId(), dataset.dataType())) {
                    throw new FirstSyncRaced();
                }
                int[] written = {0, 0, -1}; // records, pages, last progress written
                reads.read(dataset, target.connection(), target.integration(), request,
                        (page, nextCursor, percent) -> {
                            records.copyIntoCache(dataset, page);
                            written[0] += page.size();
                            written[1]++;
                            int progress = 10 + (60 * percent) / 100;
                            // only when the figure moves: each write is a commit of its own, waiting for the disk
                            if (progress != written[2]) {
                                written[2] = progress;
                                ownTx.executeWithoutResult(s -> datasets.progress(dataset.id(), progress));
                            }
                        });
                scope.requireCovered(dataset); // consent may have ended while it was read: all rolls back
                datasets.pageStaged(dataset.id(), written[1], written[0], 70, null);
                if (!datasets.transition(dataset.id(), PullOperationStatus.Fetching, PullOperationStatus.Mapping, 75,
                        null, null, null, null)) {
                    throw new IllegalStateException("Dataset " + dataset.id() + " was not Fetching any more");
                }
                completion.complete(dataset, written[0]);
            });
            log.info("Dataset {} ({}) complete; first sync written straight into the cache", dataset.id(),
                    dataset.dataType());
            return new Fetched(null, true);
        } catch (RetryLater retry) {
            return new Fetched(retryAt(dataset, state, retry), false);
        }
    }

    /** A page and where the read goes on after it (its next cursor), committed together: never staged twice. */
    private void stagePage(DatasetRow dataset, List<StagedRecord> page, int number, String nextCursor, int percent) {
        int progress = 10 + (60 * percent) / 100;
        try {
            tx.executeWithoutResult(status -> {
                completion.lockOwners(dataset);
                records.copy(dataset.id(), page);
                datasets.pageStaged(dataset.id(), number, page.size(), progress, nextCursor);
            });
        } catch (DuplicateKeyException e) {
            tx.executeWithoutResult(status -> { // a record listed twice by the platform: the later copy wins
                completion.lockOwners(dataset);
                records.stage(dataset.id(), page);
                datasets.pageStaged(dataset.id(), number, page.size(), progress, nextCursor);
            });
        }
    }

    /**
     * When to try again after {@code retry}: the platform's Retry-After for a 429, the doubling backoff for a 5xx.
     * Too many waits in a row, or a Retry-After beyond the configured maximum, end the dataset instead.
     */
    private Instant retryAt(DatasetRow dataset, DatasetStore.FetchState state, RetryLater retry) {
        if (retry.reason() == RetryLater.Reason.PACED) { // our own limits: no vendor refused anything, nothing counts
            Instant until = clock.instant().plus(retry.retryAfter());
            tx.executeWithoutResult(status -> datasets.waitPaced(dataset.id(), until, "Waiting until " + until
                    + ": " + retry.getMessage()));
            return until;
        }
        boolean rateLimited = retry.reason() == RetryLater.Reason.RATE_LIMITED;
        Duration wait;
        if (rateLimited) {
            wait = retry.retryAfter();
            if (state.rateLimitWaits() + 1 >= properties.rateLimitAttempts()
                    || wait.compareTo(properties.maxRetryAfter()) > 0) {
                throw new ReadFailure(PullOperationStatus.RateLimitError, "The platform kept answering 429 Too Many"
                        + " Requests for " + dataset.dataType() + " (asked to wait " + wait.toSeconds() + " s).");
            }
        } else {
            if (state.serverErrorRetries() + 1 >= properties.serverErrorAttempts()) {
                throw new ReadFailure(PullOperationStatus.FetchError, retry.getMessage() + " Tried "
                        + (state.serverErrorRetries() + 1) + " times in a row.");
            }
            wait = properties.serverErrorBackoff().multipliedBy(1L << Math.min(20, state.serverErrorRetries()));
        }
        Instant until = clock.instant().plus(wait);
        log.info("Dataset {} ({}): {} Trying again at {}", dataset.id(), dataset.dataType(), retry.getMessage(),
                until);
        tx.executeWithoutResult(status -> datasets.waitBeforeRetry(dataset.id(), rateLimited, until,
                "Waiting until " + until + ": " + retry.getMessage()));
        return until;
    }

    /** The connection a dataset reads and its platform. */
    private record Target(DataConnection connection, Integration integration) {}

    private Target targetOf(DatasetRow dataset) {
        DataConnection connection;
        try {
            connection = connections.get(dataset.client(), dataset.company(), dataset.connection());
        } catch (ApiException e) {
            throw new ReadFailure(PullOperationStatus.Cancelled, "The connection no longer exists.");
        }
        if (connection.status() == ConnectionStatus.Deauthorized) {
            throw new ConnectionDeauthorizedException(dataset.connectionId(), "connection is Deauthorized");
        }
        if (connection.status() != ConnectionStatus.Linked) {
            throw new ReadFailure(PullOperationStatus.Cancelled, "The connection is " + connection.status() + ".");
        }
        return new Target(connection, catalog.find(connection.platformKey()).orElseThrow(() -> new ReadFailure(
                PullOperationStatus.NotSupported, "Platform " + connection.platformKey() + " is not in the catalog.")));
    }

    /**
     * Decides full or incremental: full the first time, whenever the last full read is too old, when the connector
     * cannot read the data type's changes, or when the last read is older than the changes it can reach back to.
     */
    private DatasetRow startFetching(DatasetRow d, Integration integration) {
        Instant now = clock.instant();
        Optional<DatasetRow> previous = datasets.lastComplete(d.connectionId(), d.dataType(), d.id());
        Optional<Instant> lastFull = datasets.lastFullSync(d.connectionId(), d.dataType());
        IncrementalSupport incremental = reads.incremental(integration, d.dataType());
        boolean full = previous.isEmpty() || lastFull.isEmpty() || !incremental.supported()
                || lastFull.get().isBefore(now.minus(properties.fullSyncInterval()))
                || incremental.maxAge() != null && previous.get().fetchStarted().isBefore(now.minus(incremental.maxAge()));
        // one second of overlap: a change stamped while the previous fetch began is read again, not missed
        Instant since = full ? null : previous.get().fetchStarted().minusSeconds(1);
        if (!datasets.startFetching(d.id(), now, full, since, syncFrom.from(d, now), properties.pageSize())) {
            throw new IllegalStateException("Dataset " + d.id() + " was not Queued any more");
        }
        return datasets.find(d.id()).orElseThrow();
    }

    private void move(DatasetRow d, PullOperationStatus from, PullOperationStatus to, int progress, String error) {
        tx.executeWithoutResult(status -> {
            if (!datasets.transition(d.id(), from, to, progress, null, error, null, null)) {
                throw new IllegalStateException("Dataset " + d.id() + " was not " + from + " any more");
            }
        });
    }
}
