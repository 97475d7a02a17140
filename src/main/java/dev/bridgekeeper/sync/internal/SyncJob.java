package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.connection.Connection;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.oauth.ConnectionDeauthorizedException;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.sync.PullOperationStatus;
import dev.bridgekeeper.sync.ReadCompleted;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one dataset: Queued → Fetching (pages into staging, each page its own short transaction) → Mapping →
 * Complete (staging merged into the cache in one transaction). Re-running it after a crash is safe: a Fetching
 * dataset is fetched again into the same keyed staging rows, a Mapping one is merged, a finished one is left.
 */
@Component
class SyncJob {

    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);

    private final DatasetStore datasets;
    private final RecordStore records;
    private final List<PlatformReader> readers;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final ConnectionCredentials credentials;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final SyncProperties properties;
    private final ScopeCheck scope;
    private final Clock clock;

    SyncJob(DatasetStore datasets, RecordStore records, List<PlatformReader> readers,
            ConnectionManagement connections, IntegrationCatalog catalog, ConnectionCredentials credentials,
            ApplicationEventPublisher events, TransactionTemplate tx, SyncProperties properties, ScopeCheck scope,
            Clock clock) {
        this.datasets = datasets;
        this.records = records;
        this.readers = readers;
        this.connections = connections;
        this.catalog = catalog;
        this.credentials = credentials;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.scope = scope;
        this.clock = clock;
    }

    void run(UUID datasetId) {
        Optional<DatasetRow> found = datasets.find(datasetId);
        if (found.isEmpty() || found.get().status().isTerminal()) {
            return; // deleted with its connection, or already finished by an earlier attempt
        }
        DatasetRow dataset = found.get();
        PullOperationStatus at = dataset.status();
        try {
            Integration integration = integrationOf(dataset);
            PlatformReader reader = readers.stream().filter(r -> r.supports(integration)).findFirst()
                    .orElseThrow(() -> new ReadFailure(PullOperationStatus.NotSupported, integration.name()
                            + " has no data reader."));
            if (at == PullOperationStatus.Queued) {
                scope.requireCovered(dataset); // consent may have ended since the pull was queued
                dataset = startFetching(dataset);
                at = PullOperationStatus.Fetching;
            }
            if (at == PullOperationStatus.Fetching) {
                DatasetRow fetching = dataset;
                reader.read(integration, dataset.dataType(), dataset.modifiedSince(),
                        () -> credentials.accessToken(fetching.clientId(), fetching.companyId(),
                                fetching.connectionId()),
                        (page, number, totalPages) -> tx.executeWithoutResult(status -> {
                            records.stage(fetching.id(), page);
                            datasets.progress(fetching.id(), 10 + (60 * number) / Math.max(1, totalPages));
                        }));
                scope.requireCovered(dataset); // ... or while it was read: then nothing is merged
                move(dataset, PullOperationStatus.Fetching, PullOperationStatus.Mapping, 75, null);
                at = PullOperationStatus.Mapping;
            }
            DatasetRow merging = dataset;
            tx.executeWithoutResult(status -> complete(merging));
        } catch (ReadFailure e) {
            fail(dataset, at, e.status(), e.getMessage());
        } catch (ConnectionDeauthorizedException e) {
            fail(dataset, at, PullOperationStatus.AuthError, "The platform no longer accepts this connection's"
                    + " credentials; the customer must link it again.");
        } catch (ConnectionCredentials.TemporarilyUnavailableException e) {
            fail(dataset, at, PullOperationStatus.FetchError, "The platform's token endpoint could not be reached: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            log.error("Sync of dataset {} ({}) failed unexpectedly", dataset.id(), dataset.dataType(), e);
            fail(dataset, at, PullOperationStatus.InternalError, "Bridgekeeper failed to sync this data type.");
        }
    }

    private Integration integrationOf(DatasetRow dataset) {
        Connection connection;
        try {
            connection = connections.get(dataset.clientId(), dataset.companyId(), dataset.connectionId());
        } catch (ApiException e) {
            throw new ReadFailure(PullOperationStatus.Cancelled, "The connection no longer exists.");
        }
        if (connection.status() == ConnectionStatus.Deauthorized) {
            throw new ConnectionDeauthorizedException(dataset.connectionId(), "connection is Deauthorized");
        }
        if (connection.status() != ConnectionStatus.Linked) {
            throw new ReadFailure(PullOperationStatus.Cancelled, "The connection is " + connection.status() + ".");
        }
        return catalog.find(connection.integrationKey()).orElseThrow(() -> new ReadFailure(
                PullOperationStatus.NotSupported, "Platform " + connection.integrationKey() + " is not in the catalog."));
    }

    /** Decides full or incremental: full the first time and whenever the last full read is too old. */
    private DatasetRow startFetching(DatasetRow d) {
        Instant now = clock.instant();
        Optional<DatasetRow> previous = datasets.lastComplete(d.connectionId(), d.dataType(), d.id());
        Optional<Instant> lastFull = datasets.lastFullSync(d.connectionId(), d.dataType());
        boolean full = previous.isEmpty() || lastFull.isEmpty()
                || lastFull.get().isBefore(now.minus(properties.fullSyncInterval()));
        // one second of overlap: a change stamped while the previous fetch began is read again, not missed
        Instant since = full ? null : previous.get().fetchStarted().minusSeconds(1);
        if (!datasets.startFetching(d.id(), now, full, since)) {
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

    private void complete(DatasetRow d) {
        datasets.lockBatch(d.batchId());
        datasets.lockDataType(d.connectionId(), d.dataType()); // two pulls of one data type merge one at a time
        int modified = records.merge(d, Boolean.TRUE.equals(d.fullSync()));
        if (!datasets.transition(d.id(), PullOperationStatus.Mapping, PullOperationStatus.Complete, 100, null, null,
                clock.instant(), modified)) {
            throw new IllegalStateException("Dataset " + d.id() + " was not Mapping any more");
        }
        announceIfBatchDone(d.batchId());
    }

    private void fail(DatasetRow d, PullOperationStatus at, PullOperationStatus to, String message) {
        PullOperationStatus target = SyncTransitions.allowed(at, to) ? to : PullOperationStatus.InternalError;
        log.info("Dataset {} ({}) ended {}: {}", d.id(), d.dataType(), target, message);
        tx.executeWithoutResult(status -> {
            datasets.lockBatch(d.batchId());
            records.clearStaging(d.id());
            if (datasets.transition(d.id(), at, target, 100, null, message, clock.instant(), 0)) {
                announceIfBatchDone(d.batchId());
            }
        });
    }

    /** Publishes ReadCompleted once every dataset queued with this one has finished. */
    private void announceIfBatchDone(UUID batchId) {
        List<DatasetRow> batch = datasets.batch(batchId);
        if (batch.isEmpty() || !batch.stream().allMatch(d -> d.status().isTerminal())) {
            return;
        }
        DatasetRow first = batch.get(0);
        events.publishEvent(new ReadCompleted(first.clientId(), first.companyId(), first.initial(),
                batch.stream().map(d -> new ReadCompleted.DataTypeResult(d.connectionId(), d.dataType(), d.id(),
                        d.recordsModified() == null ? 0 : d.recordsModified(), d.status())).toList(),
                clock.instant()));
    }
}
