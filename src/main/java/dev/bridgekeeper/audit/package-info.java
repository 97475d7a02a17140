/**
 * The audit log of consent events: one append-only chain per company in which every entry's
 * SHA-256 covers the entry before it and every new head is signed with the installation's key, so an
 * edit, a deletion, an insertion or an append around the trail is detected by
 * {@link dev.bridgekeeper.audit.AuditTrail#verify}. Entries are appended by a synchronous listener on the
 * consent events, in the transaction of the change. Front door: {@link dev.bridgekeeper.audit.AuditTrail}.
 */
@ApplicationModule(displayName = "Audit")
package dev.bridgekeeper.audit;

import org.springframework.modulith.ApplicationModule;
