package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.sync.CacheEviction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent policy's clock, whatever schedules it: {@link #run} sends consent.expiring inside the reminder
 * window, expires consents at their end, and deletes data whose retention after a revocation has ended. Each batch
 * is its own transaction, its rows locked and skipped by other workers, so instances may run it side by side.
 */
@Component
class ConsentLifecycleJob {

    static final int BATCH = 500;

    private final ConsentStore store;
    private final ConsentQueries queries;
    private final ConsentCoverage coverage;
    private final ConnectionManagement connections;
    private final CacheEviction eviction;
    private final ConsentAnnouncements announce;
    private final TransactionTemplate tx;
    private final Clock clock;

    ConsentLifecycleJob(ConsentStore store, ConsentQueries queries, ConsentCoverage coverage,
            ConnectionManagement connections, CacheEviction eviction, ConsentAnnouncements announce,
            TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.coverage = coverage;
        this.connections = connections;
        this.eviction = eviction;
        this.announce = announce;
        this.tx = tx;
        this.clock = clock;
    }

    /** Everything that is due now: reminders, then expiries, then deletions, a full batch at a time. */
    void run() {
        while (remindDue(BATCH) == BATCH) {
            // a full batch: look again at once
        }
        while (expireDue(BATCH) == BATCH) {
            // a full batch: look again at once
        }
        while (deleteDue(BATCH) == BATCH) {
            // a full batch: look again at once
        }
    }

    /** Sends consent.expiring once for each Active consent inside its reminder window; answers how many. */
    int remindDue(int limit) {
        return inTransaction(() -> {
            Instant now = now();
            List<ConsentRow> due = store.dueForReminder(now, limit);
            List<ConsentRow> reminded = due.stream().map(row -> row.remindedAt(now)).toList();
            reminded.forEach(store::update);
            List<Consent> consents = queries.consents(reminded);
            for (int i = 0; i < consents.size(); i++) {
                announce.expiring(ClientId.of(reminded.get(i).clientId()), consents.get(i), now);
            }
            return due.size();
        });
    }

    /** Expires Active consents whose end has come; answers how many. */
    int expireDue(int limit) {
        return inTransaction(() -> {
            Instant now = now();
            List<ConsentRow> due = store.dueToExpire(now, limit);
            List<ConsentRow> expired = due.stream()
                    .map(row -> row.changed(ConsentTransitions.Change.EXPIRE, now, null)).toList();
            expired.forEach(store::update);
            List<Consent> consents = queries.consents(expired);
            for (int i = 0; i < consents.size(); i++) {
                announce.expired(ClientId.of(expired.get(i).clientId()), consents.get(i), now);
            }
            return due.size();
        });
    }

    /** Deletes cached data whose retention after a revocation has ended, unless a newer consent covers it. */
    int deleteDue(int limit) {
        return inTransaction(() -> {
            Instant now = now();
            List<ConsentStore.Deletion> due = store.dueDeletions(now, limit);
            for (ConsentStore.Deletion deletion : due) {
                ClientId client = ClientId.of(deletion.clientId());
                CompanyId company = CompanyId.of(deletion.companyId());
                DataConnection connection = connections.get(client, company,
                        ConnectionId.of(deletion.connectionId()));
                boolean coveredAgain = coverage.allowed(client, company, connection.id(), connection.sourceType())
                        .map(types -> types.contains(deletion.dataType())).orElse(false);
                if (!coveredAgain) {
                    int removed = eviction.evict(client, company, connection.id(), deletion.dataType());
                    store.find(deletion.clientId(), deletion.companyId(), deletion.consentId(), false)
                            .map(queries::consent)
                            .ifPresent(consent -> announce.dataDeleted(client, consent, now, connection.id(),
                                    deletion.dataType(), removed));
                }
                store.deleteDeletion(deletion.id());
            }
            return due.size();
        });
    }

    private int inTransaction(IntSupplier batch) {
        Integer done = tx.execute(status -> batch.getAsInt());
        return done == null ? 0 : done;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
