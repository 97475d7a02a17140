/**
 * Products (use cases, journeys) and consent records: which data types each product needs, the consent a
 * customer gave for them, its expiry, reconfirmation and revocation, and the sync scope that follows from it.
 * Other modules use {@link dev.bridgekeeper.consent.Products}, {@link dev.bridgekeeper.consent.ConsentRecords}
 * (which speaks {@link dev.bridgekeeper.consent.Consent}, with typed ids) and the
 * {@link dev.bridgekeeper.consent.ConsentEvent}s; {@link dev.bridgekeeper.consent.ConsentRecord} is the wire form.
 */
@ApplicationModule(displayName = "Consent")
package dev.bridgekeeper.consent;

import org.springframework.modulith.ApplicationModule;
