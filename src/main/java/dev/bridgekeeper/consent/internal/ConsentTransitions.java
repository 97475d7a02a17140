package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.platform.error.ApiException;
import java.util.Map;
import java.util.Set;

/**
 * The one table of legal consent changes. A reconfirmation keeps a record Active (or makes an Expired one Active
 * again); Revoked and Superseded are final, so a withdrawn consent can never quietly come back.
 */
final class ConsentTransitions {

    enum Change {
        EXPIRE("expired"), REVOKE("revoked"), SUPERSEDE("superseded"), RECONFIRM("reconfirmed");

        final String pastTense;

        Change(String pastTense) {
            this.pastTense = pastTense;
        }
    }

    private static final Map<ConsentStatus, Map<Change, ConsentStatus>> TABLE = Map.of(
            ConsentStatus.Active, Map.of(
                    Change.EXPIRE, ConsentStatus.Expired,
                    Change.REVOKE, ConsentStatus.Revoked,
                    Change.SUPERSEDE, ConsentStatus.Superseded,
                    Change.RECONFIRM, ConsentStatus.Active),
            ConsentStatus.Expired, Map.of(
                    Change.RECONFIRM, ConsentStatus.Active,
                    Change.SUPERSEDE, ConsentStatus.Superseded),
            ConsentStatus.Revoked, Map.of(),
            ConsentStatus.Superseded, Map.of());

    private ConsentTransitions() {}

    /** The status after the change, or a 409 answer saying why the record cannot change so. */
    static ConsentStatus apply(ConsentStatus from, Change change) {
        ConsentStatus to = TABLE.get(from).get(change);
        if (to == null) {
            throw ApiException.conflict("A consent that is " + from + " cannot be " + change.pastTense
                    + (allowed(from).isEmpty() ? "; it is final." : "."));
        }
        return to;
    }

    static boolean allows(ConsentStatus from, Change change) {
        return TABLE.get(from).containsKey(change);
    }

    static Set<Change> allowed(ConsentStatus from) {
        return TABLE.get(from).keySet();
    }
}
