package dev.bridgekeeper.audit;

import dev.bridgekeeper.audit.internal.AuditStore;
import dev.bridgekeeper.audit.internal.ChainHash;
import dev.bridgekeeper.audit.internal.ChainVerifier;
import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Front door of the audit log: appends consent events to a company's hash chain and proves the
 * chain whole. Entries are written in the caller's transaction, so an event is in the chain exactly
 * when the change it records is committed; the table refuses updates and deletes (trigger).
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditStore store;
    private final CompanyDirectory companies;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(AuditStore store, CompanyDirectory companies, JsonMapper json, Clock clock) {
        this.store = store;
        this.companies = companies;
        this.json = json;
        this.clock = clock;
    }

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
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry append(UUID clientId, UUID companyId, String eventType, String subjectId,
            Map<String, Object> details) {
        if (eventType == null || eventType.isBlank()) {
            throw new IllegalArgumentException("An audit entry needs an event type");
        }
        if (eventType.indexOf('\0') >= 0 || subjectId != null && subjectId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An audit entry's event type and subject cannot hold the NUL character");
        }
        JsonNode facts = details == null ? json.createObjectNode() : json.valueToTree(details);
        if (!(facts instanceof ObjectNode)) {
            throw new IllegalArgumentException("Audit details must be a JSON object");
        }
        ChainHash.requireHashable(facts, "details");
        Instant now = clock.instant();
        AuditStore.Head head = store.lockHead(clientId, companyId, now);
        if (!head.clientId().equals(clientId)
                || head.lastSequence() == 0
                        && companies.find(ClientId.of(clientId), CompanyId.of(companyId)).isEmpty()) {
            throw new IllegalArgumentException("Company " + companyId + " is not a company of client " + clientId);
        }
        long sequence = head.lastSequence() + 1;
        Instant recordedAt = now.truncatedTo(ChronoUnit.MICROS);
        String hash = ChainHash.hash(head.headHash(), sequence, companyId, eventType, subjectId, facts, recordedAt);
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), sequence, eventType, subjectId, facts, recordedAt,
                head.headHash(), hash);
        store.insert(clientId, companyId, entry);
        store.advanceHead(companyId, sequence, hash, now);
        return entry;
    }

    /** The company's whole chain, oldest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> entries(UUID clientId, UUID companyId) {
        return store.entries(clientId, companyId, 0, Integer.MAX_VALUE);
    }

    /** One page of the chain, oldest first, with Codat's paging fields. */
    @Transactional(readOnly = true)
    public PagedResults<AuditEntry> entries(UUID clientId, UUID companyId, PageRequest page) {
        return PagedResults.of(store.entries(clientId, companyId, page.offset(), page.pageSize()), page,
                store.count(clientId, companyId), "/companies/" + companyId + "/consents/audit", Map.of());
    }

    /** Whether the company has a chain (it keeps it after the company is deleted). */
    public boolean hasChain(UUID clientId, UUID companyId) {
        return store.chainExists(clientId, companyId);
    }

    /**
     * Recomputes every hash and link of the company's chain and names the first entry that does not
     * check out. Reads one snapshot (repeatable read), so appends running meanwhile do not confuse it.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainVerification verify(UUID clientId, UUID companyId) {
        ChainVerifier verifier = new ChainVerifier(companyId);
        var head = store.head(clientId, companyId);
        store.forEach(clientId, companyId, verifier::accept);
        ChainVerification result = verifier.result(head);
        if (!result.intact()) {
            // tampering is an incident: say so where operators look, not only to whoever asked
            log.warn("Consent audit chain of company {} (client {}) is broken at sequence {}: {}", companyId, clientId,
                    result.brokenSequence(), result.problem());
        }
        return result;
    }
}
