package dev.bridgekeeper.audit;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.List;
import java.util.Map;

/**
 * Front door of the audit log: appends consent events to a company's hash chain and proves the chain whole.
 * Entries are written in the caller's transaction, so an event is in the chain exactly when the change it
 * records is committed; the table refuses updates and deletes (trigger). A company's chain outlives the company.
 */
public interface AuditTrail {

    /**
     * Appends one entry to the company's chain, joining the caller's transaction (or starting one).
     * Appends for one company wait for each other until the earlier one's transaction ends, which keeps
     * the sequence gapless: append as the last step of the transaction, so the chain's lock is held
     * briefly and taken after the caller's own row locks. Details take strings, booleans, null,
     * integers within ±(2^53−1), lists and maps of these (see {@code ChainHash}).
     *
     * @throws IllegalArgumentException for details the canonical form cannot carry, or a company that
     *                                  is not the client's
     */
    AuditEntry append(ClientId clientId, CompanyId companyId, String eventType, String subjectId,
            Map<String, Object> details);

    /** The company's whole chain, oldest first. */
    List<AuditEntry> entries(ClientId clientId, CompanyId companyId);

    /** Whether the company has a chain (it keeps it after the company is deleted). */
    boolean hasChain(ClientId clientId, CompanyId companyId);

    /**
     * Recomputes every hash and link of the company's chain and names the first entry that does not
     * check out. Reads one snapshot (repeatable read), so appends running meanwhile do not confuse it.
     */
    ChainVerification verify(ClientId clientId, CompanyId companyId);
}
