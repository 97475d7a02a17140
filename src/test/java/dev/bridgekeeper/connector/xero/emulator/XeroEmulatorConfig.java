package dev.bridgekeeper.connector.xero.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything an emulator starts with: apps, users, organisations and their ledgers, limits and lifetimes.
 * {@link #defaults()} gives three organisations, a user with one of them, a user with all three, and a user
 * with none; apps are usually registered after start, once the redirect URI (with its port) is known.
 *
 * @param dataAsOf generated documents are dated in the two years before this instant, so the ledger is the same
 *     on every run; changes made during a test are stamped with the emulator clock, which is later
 * @param includeVendorExamples whether each organisation also holds the example records of the OpenAPI file
 * @param serverThreads the bounded pool answering HTTP requests
 */
public record XeroEmulatorConfig(List<XeroApp> apps, List<XeroUser> users, List<XeroOrganisation> organisations,
        LedgerSize ledgerSize, Map<UUID, LedgerSize> ledgerSizeOverrides, Instant dataAsOf,
        boolean includeVendorExamples, RateLimitPolicy rateLimits, TokenPolicy tokens, int serverThreads) {

    public static final UUID DEMO_TENANT = UUID.fromString("6f0e2a64-3c1d-4b8e-9d3e-0b7b4a1d2c01");
    public static final UUID NORTHWIND_TENANT = UUID.fromString("6f0e2a64-3c1d-4b8e-9d3e-0b7b4a1d2c02");
    public static final UUID HARBOUR_TENANT = UUID.fromString("6f0e2a64-3c1d-4b8e-9d3e-0b7b4a1d2c03");

    /** Signs in with one organisation, so the consent page has nothing to choose. */
    public static final String SINGLE_ORG_USER = "owner@demo-company.test";
    /** Signs in with three organisations and ticks which to connect. */
    public static final String MULTI_ORG_USER = "adviser@practice.test";
    /** Signs in with no organisation at all. */
    public static final String NO_ORG_USER = "newcomer@example.test";
    public static final String PASSWORD = "correct horse battery staple";

    public XeroEmulatorConfig {
        apps = List.copyOf(apps);
        users = List.copyOf(users);
        organisations = List.copyOf(organisations);
        ledgerSizeOverrides = Map.copyOf(ledgerSizeOverrides);
    }

    public static XeroEmulatorConfig defaults() {
        List<XeroOrganisation> orgs = List.of(
                new XeroOrganisation(DEMO_TENANT, "Demo Company (NZ)", "NZ", "NZD", 11L),
                new XeroOrganisation(NORTHWIND_TENANT, "Northwind Trading Ltd", "GB", "GBP", 22L),
                new XeroOrganisation(HARBOUR_TENANT, "Harbour Cafe Pty Ltd", "AU", "AUD", 33L));
        List<XeroUser> users = List.of(
                new XeroUser(UUID.fromString("9a1c0b3e-1111-4a6e-8f00-000000000001"), SINGLE_ORG_USER, PASSWORD,
                        "Olive", "Owner", List.of(DEMO_TENANT)),
                new XeroUser(UUID.fromString("9a1c0b3e-1111-4a6e-8f00-000000000002"), MULTI_ORG_USER, PASSWORD,
                        "Ada", "Adviser", List.of(DEMO_TENANT, NORTHWIND_TENANT, HARBOUR_TENANT)),
                new XeroUser(UUID.fromString("9a1c0b3e-1111-4a6e-8f00-000000000003"), NO_ORG_USER, PASSWORD,
                        "Nico", "Newcomer", List.of()));
        return new XeroEmulatorConfig(List.of(), users, orgs, LedgerSize.small(), Map.of(),
                Instant.parse("2026-06-30T00:00:00Z"), true, RateLimitPolicy.xeroDefaults(),
                TokenPolicy.xeroDefaults(), 16);
    }

    /**
     * The defaults with the Demo Company at benchmark volume (1,000 contacts, 5,000 invoices and bills, 20,000
     * bank transactions); the other two organisations stay small. That ledger takes about 270 MB of heap and
     * several seconds to generate on a two-core machine.
     */
    public static XeroEmulatorConfig benchmark() {
        return defaults().withLedgerSize(DEMO_TENANT, LedgerSize.benchmark());
    }

    public XeroEmulatorConfig withApp(XeroApp app) {
        List<XeroApp> more = new ArrayList<>(apps);
        more.add(app);
        return new XeroEmulatorConfig(more, users, organisations, ledgerSize, ledgerSizeOverrides, dataAsOf, includeVendorExamples,
                rateLimits, tokens, serverThreads);
    }

    public XeroEmulatorConfig withLedgerSize(LedgerSize size) {
        return new XeroEmulatorConfig(apps, users, organisations, size, ledgerSizeOverrides, dataAsOf, includeVendorExamples, rateLimits,
                tokens, serverThreads);
    }

    /** A different size for one organisation's ledger. */
    public XeroEmulatorConfig withLedgerSize(UUID tenantId, LedgerSize size) {
        Map<UUID, LedgerSize> overrides = new HashMap<>(ledgerSizeOverrides);
        overrides.put(tenantId, size);
        return new XeroEmulatorConfig(apps, users, organisations, ledgerSize, overrides, dataAsOf,
                includeVendorExamples, rateLimits, tokens, serverThreads);
    }

    LedgerSize ledgerSize(UUID tenantId) {
        return ledgerSizeOverrides.getOrDefault(tenantId, ledgerSize);
    }

    public XeroEmulatorConfig withRateLimits(RateLimitPolicy policy) {
        return new XeroEmulatorConfig(apps, users, organisations, ledgerSize, ledgerSizeOverrides, dataAsOf, includeVendorExamples,
                policy, tokens, serverThreads);
    }

    public XeroEmulatorConfig withTokens(TokenPolicy policy) {
        return new XeroEmulatorConfig(apps, users, organisations, ledgerSize, ledgerSizeOverrides, dataAsOf, includeVendorExamples,
                rateLimits, policy, serverThreads);
    }

    public XeroEmulatorConfig withVendorExamples(boolean include) {
        return new XeroEmulatorConfig(apps, users, organisations, ledgerSize, ledgerSizeOverrides, dataAsOf, include, rateLimits, tokens,
                serverThreads);
    }

    public XeroEmulatorConfig withServerThreads(int threads) {
        return new XeroEmulatorConfig(apps, users, organisations, ledgerSize, ledgerSizeOverrides, dataAsOf, includeVendorExamples,
                rateLimits, tokens, threads);
    }

    XeroUser userByEmail(String email) {
        return users.stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst().orElse(null);
    }

    XeroOrganisation organisation(UUID tenantId) {
        return organisations.stream().filter(o -> o.tenantId().equals(tenantId)).findFirst().orElse(null);
    }
}
