package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentDataDeleted;
import dev.bridgekeeper.consent.ConsentEvent;
import dev.bridgekeeper.consent.ConsentExpired;
import dev.bridgekeeper.consent.ConsentExpiring;
import dev.bridgekeeper.consent.ConsentGranted;
import dev.bridgekeeper.consent.ConsentReconfirmed;
import dev.bridgekeeper.consent.ConsentRevoked;
import dev.bridgekeeper.consent.ConsentSuperseded;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Appends each consent event to the company's chain with the facts a later reader needs to prove it: the text's
 * digest and version, what it covered, who acted, when. A plain (synchronous) listener on purpose: the entry is
 * written in the transaction of the change, so the change commits only with its entry and the chain has no gaps.
 */
@Component
class ConsentAuditRecorder {

    private final AuditTrail trail;

    ConsentAuditRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(ConsentGranted event) {
        Map<String, Object> granted = new LinkedHashMap<>();
        granted.put("grantedBy", event.consent().grantedBy());
        granted.put("grantedAt", text(event.consent().grantedAt()));
        granted.put("locale", event.consent().locale());
        append(event, "consent.granted", granted);
    }

    @EventListener
    void on(ConsentSuperseded event) {
        append(event, "consent.superseded", Map.of("supersededBy", event.consent().supersededBy().toString()));
    }

    @EventListener
    void on(ConsentReconfirmed event) {
        Map<String, Object> reconfirmed = new LinkedHashMap<>();
        reconfirmed.put("previousExpiresAt", text(event.previousExpiresAt()));
        reconfirmed.put("reconfirmedVia", event.via().name());
        append(event, "consent.reconfirmed", reconfirmed);
    }

    @EventListener
    void on(ConsentExpiring event) {
        append(event, "consent.expiring", Map.of());
    }

    @EventListener
    void on(ConsentExpired event) {
        append(event, "consent.expired", Map.of());
    }

    @EventListener
    void on(ConsentRevoked event) {
        Map<String, Object> revoked = new LinkedHashMap<>();
        revoked.put("revokedBy", event.consent().revokedBy());
        revoked.put("revokedVia", event.revokedVia());
        revoked.put("reason", event.consent().revocationReason());
        revoked.put("deleteDataNow", event.deleteDataNow());
        revoked.put("unlinkedConnections", event.unlinkedConnections().stream().map(Object::toString).toList());
        append(event, "consent.revoked", revoked);
    }

    @EventListener
    void on(ConsentDataDeleted event) {
        append(event, "consent.data.deleted", Map.of("connectionId", event.connectionId().toString(),
                "deletedDataType", event.dataType(), "recordsDeleted", event.recordsDeleted()));
    }

    private void append(ConsentEvent event, String eventType, Map<String, Object> extra) {
        Consent consent = event.consent();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("productIdentifier", consent.productIdentifier());
        details.put("sourceType", consent.sourceType());
        details.put("connectionIds", consent.connectionIds().stream().map(Object::toString).toList());
        details.put("dataTypes", consent.dataTypes());
        details.put("textSha256", consent.textSha256());
        details.put("textVersion", consent.textVersion());
        details.put("channel", consent.channel().name());
        details.put("status", consent.status().name());
        details.put("expiresAt", text(consent.expiresAt()));
        details.putAll(extra);
        trail.append(event.clientId(), consent.companyId(), eventType, consent.id().toString(), details);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
