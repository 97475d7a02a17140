package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.audit.ChainVerification;
import dev.bridgekeeper.platform.signing.InstanceSigner;
import java.util.Optional;
import java.util.UUID;

/**
 * Walks one company's entries in sequence order and stops at the first one that does not check
 * out. Per entry, in this order: is it the next sequence number (else entries are missing), does
 * it point at the previous entry's hash (else the link is broken), does its content still hash to
 * its stored hash (else it was altered), is its signature the installation's over that hash (else it
 * was written around the audit trail). Entries from before chains were signed may lack a signature,
 * but none after a signed one may. Last, the chain head must agree with the last entry, which catches
 * entries cut off the end of the chain, and the last entry must be signed: it vouches for all before it.
 */
final class ChainVerifier {

    private final UUID companyId;
    private final InstanceSigner.Verifier signatures;
    private boolean signedSeen;
    private boolean lastSigned;
    private long expectedSequence = 1;
    private String previousHash = ChainHash.GENESIS;
    private UUID lastId;
    private long checked;
    private ChainVerification broken;

    ChainVerifier(UUID companyId, InstanceSigner.Verifier signatures) {
        this.companyId = companyId;
        this.signatures = signatures;
    }

    void accept(AuditEntry entry) {
        if (broken != null) {
            return;
        }
        if (entry.sequence() > expectedSequence) {
            long missingTo = entry.sequence() - 1;
            broken = ChainVerification.broken(checked, expectedSequence, null, "Entry missing: sequence "
                    + (missingTo == expectedSequence ? String.valueOf(expectedSequence)
                            : expectedSequence + " to " + missingTo)
                    + " is not in the chain; the next entry found is sequence " + entry.sequence() + " (id "
                    + entry.id() + ").");
            return;
        }
        if (entry.sequence() < expectedSequence) {
            broken = ChainVerification.broken(checked, entry.sequence(), entry.id(), "Entry outside the chain:"
                    + " sequence " + entry.sequence() + " appears where " + expectedSequence + " was expected.");
            return;
        }
        if (!previousHash.equals(entry.previousHash())) {
            broken = ChainVerification.broken(checked, entry.sequence(), entry.id(), "Link broken: its previousHash"
                    + " is not the hash of " + (entry.sequence() == 1 ? "the chain's start (64 zeros)"
                            : "entry " + (entry.sequence() - 1))
                    + "; this entry or the one before it was changed.");
            return;
        }
        String recomputed = ChainHash.hash(entry.previousHash(), entry.sequence(), companyId, entry.eventType(),
                entry.subjectId(), entry.details(), entry.recordedAt());
        if (!recomputed.equals(entry.hash())) {
            broken = ChainVerification.broken(checked, entry.sequence(), entry.id(), "Content altered: the entry's"
                    + " fields hash to " + recomputed + ", not to its stored hash " + entry.hash() + ".");
            return;
        }
        if (entry.signature() == null) {
            if (signedSeen) {
                broken = ChainVerification.broken(checked, entry.sequence(), entry.id(), "Signature missing: entries"
                        + " before it are signed, so it was written around the audit trail.");
                return;
            }
        } else {
            Optional<String> wrong = ChainHead.check(signatures, companyId, entry);
            if (wrong.isPresent()) {
                broken = ChainVerification.broken(checked, entry.sequence(), entry.id(), "Signature invalid: "
                        + wrong.get() + ".");
                return;
            }
            signedSeen = true;
        }
        lastSigned = entry.signature() != null;
        checked++;
        expectedSequence++;
        previousHash = entry.hash();
        lastId = entry.id();
    }

    /** The verdict, once every entry was given; the head is the company's chain head, if it has one. */
    ChainVerification result(Optional<AuditStore.Head> head) {
        if (broken != null) {
            return broken;
        }
        long last = expectedSequence - 1;
        long recorded = head.map(AuditStore.Head::lastSequence).orElse(0L);
        if (recorded > last) {
            return ChainVerification.broken(checked, last + 1, null, "Entries missing at the end: the chain head"
                    + " records sequence " + recorded + " but the last entry is " + (last == 0 ? "none" : last) + ".");
        }
        if (recorded < last) {
            return ChainVerification.broken(checked, recorded + 1, null, "Entry outside the chain: entries after"
                    + " sequence " + recorded + " were not appended through the audit trail.");
        }
        if (head.isPresent() && !head.get().headHash().equals(previousHash)) {
            return ChainVerification.broken(checked, last, lastId, "Chain head altered: it records hash "
                    + head.get().headHash() + " for the last entry, whose hash is " + previousHash + ".");
        }
        if (last > 0 && !lastSigned) {
            return ChainVerification.broken(checked, last, lastId, "Head not signed: the last entry carries no"
                    + " signature of this installation, so nothing vouches for the chain; it was written around the"
                    + " audit trail, or the chain predates signing and has had no entry since.");
        }
        return ChainVerification.intact(checked);
    }
}
