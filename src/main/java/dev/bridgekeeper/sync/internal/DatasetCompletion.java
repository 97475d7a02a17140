package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.sync.PullOperationStatus;
import dev.bridgekeeper.sync.ReadCompleted;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a dataset ends: Complete (its staged pages merged into the cache, or written straight in by a direct first
 * sync, with Codat's lastSync stamped on the company and the connection) or failed with a status and a message; and,
 * once every dataset of its batch has ended, the batch's {@link ReadCompleted}. {@link SyncJob} decides when.
 */
@Component
class DatasetCompletion {

    private static final Logger log = LoggerFactory.getLogger(DatasetCompletion.class);

    private final DatasetStore datasets;
    private final RecordStore records;
    private final ConnectionManagement connections;
    private final CompanyDirectory companies;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    DatasetCompletion(DatasetStore datasets, RecordStore records, ConnectionManagement connections,
            CompanyDirectory companies, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.datasets = datasets;
        this.records = records;
        this.connections = connections;
        this.companies = companies;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Mapping → Complete; merges the staged pages unless {@code written} says they went straight in. Runs in the
     * caller's transaction, which has taken the company's and the connection's locks ({@link #lockOwners}) first.
     */
    void complete(DatasetRow d, Integer written) {
        // the data type's lock before the batch's, as a direct first sync holds it from its first page: taken the
        // other way round, two batches finishing crosswise waited for each other in a ring
        datasets.lockDataType(d.connectionId(), d.dataType()); // two pulls of one data type merge one at a time
        datasets.lockBatch(d.batchId());
        int modified = written != null ? written : records.merge(d, Boolean.TRUE.equals(d.fullSync()));
        Instant completed = clock.instant();
        if (!datasets.transition(d.id(), PullOperationStatus.Mapping, PullOperationStatus.Complete, 100, null, null,
                completed, modified)) {
            throw new IllegalStateException("Dataset " + d.id() + " was not Mapping any more");
        }
        // Codat's lastSync on the company and the connection, committed with the data it dates
        companies.recordSync(d.client(), d.company(), completed);
        connections.recordSync(d.client(), d.company(), d.connection(), completed);
        announceIfBatchDone(d.batchId());
    }

    /** Ends the dataset with {@code to} (InternalError when {@code at} cannot go there), in its own transaction. */
    void fail(DatasetRow d, PullOperationStatus at, PullOperationStatus to, String message) {
        PullOperationStatus target = SyncTransitions.allowed(at, to) ? to : PullOperationStatus.InternalError;
        log.info("Dataset {} ({}) ended {}: {}", d.id(), d.dataType(), target, message);
        tx.executeWithoutResult(status -> {
            if (!records.lockOwners(d)) {
                return; // the company or the connection was deleted, and the dataset with it
            }
            datasets.lockBatch(d.batchId());
            records.clearStaging(d.id());
            if (datasets.transition(d.id(), at, target, 100, null, message, clock.instant(), 0)) {
                announceIfBatchDone(d.batchId());
            }
        });
    }

    /** The locks every multi-row transaction starts with ({@link RecordStore#lockOwners}). */
    void lockOwners(DatasetRow d) {
        if (!records.lockOwners(d)) {
            throw new IllegalStateException("Company " + d.companyId() + " or its connection " + d.connectionId()
                    + " was deleted");
        }
    }

    /** Publishes ReadCompleted once every dataset queued with this one has finished. */
    private void announceIfBatchDone(UUID batchId) {
        List<DatasetRow> batch = datasets.batch(batchId);
        if (batch.isEmpty() || !batch.stream().allMatch(d -> d.status().isTerminal())) {
            return;
        }
        DatasetRow first = batch.get(0);
        // a company deleted meanwhile took its datasets along: there is nobody left to tell
        companies.find(first.client(), first.company()).ifPresent(company -> events.publishEvent(new ReadCompleted(
                first.client(), company, first.initial(),
                batch.stream().map(d -> new ReadCompleted.DataTypeResult(d.connection(), d.dataType(), d.id(),
                        d.recordsModified() == null ? 0 : d.recordsModified(), d.status(),
                        Boolean.TRUE.equals(d.fullSync()) ? null : d.modifiedSince())).toList(),
                clock.instant())));
    }
}
