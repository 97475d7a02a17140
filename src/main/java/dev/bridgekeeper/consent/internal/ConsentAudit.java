package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Writes each consent change to the company's hash-chained audit log in the transaction of the change, with
 * the facts a later reader needs to prove it: the text's digest and version, what it covered, who acted, when.
 */
@Component
class ConsentAudit {

    private final AuditTrail trail;

    ConsentAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(UUID clientId, String eventType, ConsentRecord consent, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("productIdentifier", consent.productIdentifier());
        details.put("sourceType", consent.sourceType());
        details.put("connectionIds", consent.connectionIds());
        details.put("dataTypes", consent.dataTypes());
        details.put("textSha256", consent.textSha256());
        details.put("textVersion", consent.textVersion());
        details.put("channel", consent.channel().name());
        details.put("status", consent.status().name());
        details.put("expiresAt", text(consent.expiresAt()));
        details.putAll(extra);
        trail.append(ClientId.of(clientId), CompanyId.of(consent.companyId()), eventType, consent.id(), details);
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
