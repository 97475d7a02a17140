package dev.bridgekeeper.connector.xero.emulator;

import java.util.UUID;

/**
 * An organisation (Xero "tenant") with its own generated ledger.
 *
 * @param seed makes the generated ledger deterministic; two organisations with the same seed hold the same data
 */
public record XeroOrganisation(UUID tenantId, String name, String countryCode, String baseCurrency, long seed) {}
