package dev.bridgekeeper.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * The result of recomputing a company's chain. When it is not intact, the first problem found is
 * named: its sequence, the entry's id (null when the entry is missing) and what is wrong.
 */
public record ChainVerification(
        @Schema(description = "true when every hash, link, sequence number and signature checks out.") boolean intact,
        @Schema(description = "How many entries verified before the first problem (all of them when intact).")
        long entriesChecked,
        @Schema(description = "Sequence of the first broken or missing entry; null when intact.") Long brokenSequence,
        @Schema(description = "Id of the first broken entry; null when intact or when the entry is missing.")
        UUID brokenEntryId,
        @Schema(description = "What is wrong, starting with one of: Content altered, Link broken, Entry missing,"
                + " Entries missing at the end, Entry outside the chain, Chain head altered, Signature invalid,"
                + " Signature missing, Head not signed.") String problem) {

    public static ChainVerification intact(long entriesChecked) {
        return new ChainVerification(true, entriesChecked, null, null, null);
    }

    public static ChainVerification broken(long entriesChecked, long sequence, UUID entryId, String problem) {
        return new ChainVerification(false, entriesChecked, sequence, entryId, problem);
    }
}
