package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.sync.PullOperationStatus;
import dev.bridgekeeper.sync.SyncScope;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A pull is queued while its data type is covered, but consent can end (revoked, expired, product removed)
 * before it starts or while it is read. The job asks again before fetching and before merging, so data a
 * customer has withdrawn is never written back into the cache.
 */
@Component
class ScopeCheck {

    private final ObjectProvider<SyncScope> scope;
    private final ConnectionManagement connections;

    ScopeCheck(ObjectProvider<SyncScope> scope, ConnectionManagement connections) {
        this.scope = scope;
        this.connections = connections;
    }

    /** Ends the pull {@code Cancelled} when its data type is no longer allowed on its connection. */
    void requireCovered(DatasetRow d) {
        SyncScope narrowing = scope.getIfAvailable();
        if (narrowing == null) {
            return;
        }
        String sourceType = connections.get(d.client(), d.company(), d.connection()).sourceType();
        Optional<Set<String>> allowed = narrowing.allowed(d.client(), d.company(), d.connection(), sourceType);
        if (allowed.isPresent() && !allowed.get().contains(d.dataType())) {
            throw new ReadFailure(PullOperationStatus.Cancelled, "No active consent covers " + d.dataType()
                    + " on this connection any more.");
        }
    }
}
