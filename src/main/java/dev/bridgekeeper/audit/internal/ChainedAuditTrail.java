package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.audit.ChainVerification;
import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import dev.bridgekeeper.platform.signing.InstanceSigner;
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
 * {@link AuditTrail} on audit_entry and audit_chain: one hash chain per company, its head row locked to append,
 * every new head signed by the installation's key ({@link ChainHead}).
 */
@Service
class ChainedAuditTrail implements AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(ChainedAuditTrail.class);

    private final AuditStore store;
    private final CompanyDirectory companies;
    private final JsonMapper json;
    private final InstanceSigner signer;
    private final Clock clock;

    ChainedAuditTrail(AuditStore store, CompanyDirectory companies, JsonMapper json, InstanceSigner signer,
            Clock clock) {
        this.store = store;
        this.companies = companies;
        this.json = json;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry append(ClientId client, CompanyId company, String eventType, String subjectId,
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
        UUID clientId = client.value();
        UUID companyId = company.value();
        Instant now = clock.instant();
        AuditStore.Head head = store.lockHead(clientId, companyId, now);
        if (!head.clientId().equals(clientId)
                || head.lastSequence() == 0 && companies.find(client, company).isEmpty()) {
            throw new IllegalArgumentException("Company " + companyId + " is not a company of client " + clientId);
        }
        long sequence = head.lastSequence() + 1;
        Instant recordedAt = now.truncatedTo(ChronoUnit.MICROS);
        String hash = ChainHash.hash(head.headHash(), sequence, companyId, eventType, subjectId, facts, recordedAt);
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), sequence, eventType, subjectId, facts, recordedAt,
                head.headHash(), hash, ChainHead.sign(signer, companyId, sequence, hash));
        store.insert(clientId, companyId, entry);
        store.advanceHead(companyId, sequence, hash, now);
        return entry;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> entries(ClientId clientId, CompanyId companyId) {
        return store.entries(clientId.value(), companyId.value(), 0, Integer.MAX_VALUE);
    }

    /** One page of the chain, oldest first, for the API. */
    @Transactional(readOnly = true)
    Slice<AuditEntry> entries(ClientId clientId, CompanyId companyId, PageRequest page) {
        return new Slice<>(store.entries(clientId.value(), companyId.value(), page.offset(), page.pageSize()),
                store.count(clientId.value(), companyId.value()));
    }

    @Override
    public boolean hasChain(ClientId clientId, CompanyId companyId) {
        return store.chainExists(clientId.value(), companyId.value());
    }

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainVerification verify(ClientId clientId, CompanyId companyId) {
        ChainVerifier verifier = new ChainVerifier(companyId.value(), signer.verifier());
        var head = store.head(clientId.value(), companyId.value());
        store.forEach(clientId.value(), companyId.value(), verifier::accept);
        ChainVerification result = verifier.result(head);
        if (!result.intact()) {
            // tampering is an incident: say so where operators look, not only to whoever asked
            log.warn("Consent audit chain of company {} (client {}) is broken at sequence {}: {}", companyId, clientId,
                    result.brokenSequence(), result.problem());
        }
        return result;
    }
}
