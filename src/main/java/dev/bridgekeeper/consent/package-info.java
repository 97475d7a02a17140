/**
 * Products (use cases, journeys) and consent records: which data types each product needs, the consent a
 * customer gave for them, its expiry, reconfirmation and revocation, and the sync scope that follows from it.
 * Other modules use {@link dev.bridgekeeper.consent.Products}, {@link dev.bridgekeeper.consent.ConsentRecords}
 * and the {@link dev.bridgekeeper.consent.ConsentEvent}s.
 */
@ApplicationModule(displayName = "Consent")
package dev.bridgekeeper.consent;

import org.springframework.modulith.ApplicationModule;
