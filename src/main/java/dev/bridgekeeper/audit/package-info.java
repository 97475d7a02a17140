/**
 * The audit log of consent events: one append-only chain per company in which every entry's
 * SHA-256 covers the entry before it, so an edit, a deletion or an insertion is detected by
 * {@link dev.bridgekeeper.audit.AuditTrail#verify}. Front door: {@link dev.bridgekeeper.audit.AuditTrail}.
 */
@ApplicationModule(displayName = "Audit")
package dev.bridgekeeper.audit;

import org.springframework.modulith.ApplicationModule;
