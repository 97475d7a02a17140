package dev.bridgekeeper.connector.quickbooks.emulator;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link QuickBooksEmulator} serves and how strictly. Every default is the value Intuit
 * documents (sources in {@code docs/connectors/quickbooks-online.md}); tests change them to compress time
 * (a 2-second "minute") or to shrink data, never to make the vendor kinder than it is.
 */
public record QboSettings(
        String clientId,
        String clientSecret,
        List<String> redirectUris,
        List<TestUser> users,
        Volume volume,
        long seed,
        ZoneId companyZone,
        Duration accessTokenLifetime,
        Duration refreshTokenRollingLifetime,
        Duration refreshTokenAbsoluteLifetime,
        Duration refreshTokenValueStableFor,
        Duration authorizationCodeLifetime,
        int requestsPerWindow,
        Duration rateWindow,
        int maxConcurrentPerRealm,
        int batchRequestsPerWindow,
        int maxBatchItems,
        boolean sendRetryAfter,
        int maxQueryResults,
        int defaultQueryResults,
        int cdcMaxObjectsPerEntity,
        Duration cdcLookBack,
        int baseMinorVersion,
        int latestMinorVersion,
        boolean validateResponses,
        int threads) {

    /** A person who can sign in on the emulated Intuit page, and the companies (realms) they may connect. */
    public record TestUser(String email, String password, String sub, List<Company> companies) { }

    /** One QuickBooks Online company; its realm id is what Intuit puts on the OAuth callback. */
    public record Company(String realmId, String name) { }

    /** How many generated records each realm holds beyond the committed examples. */
    public record Volume(int customers, int vendors, int items, int invoices, int bills, int payments, int billPayments,
                         int creditMemos, int vendorCredits, int journalEntries, int bankTransactions, int estimates,
                         int purchaseOrders, int salesReceipts, int refundReceipts) {

        /** Small enough that a test starts in well under a second. */
        public static Volume small() {
            return new Volume(40, 15, 10, 250, 80, 60, 30, 10, 8, 20, 300, 10, 8, 15, 5);
        }

        /** The benchmark size from the connector brief: 1,000 customers, 5,000 invoices, 20,000 bank transactions. */
        public static Volume benchmark() {
            return new Volume(1000, 300, 100, 5000, 1500, 2500, 1000, 200, 150, 500, 20000, 200, 150, 400, 100);
        }

        public static Volume examplesOnly() {
            return new Volume(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    public static final String CLIENT_ID = "ABqboEmulatorClientId0123456789";
    public static final String CLIENT_SECRET = "qbo-emulator-client-secret";
    /** Alice has one company; Bob has two and so sees Intuit's company chooser. */
    public static final TestUser ALICE = new TestUser("alice@example.com", "alice-password",
            "5f0a3c11-0001-4e5b-9d61-aaaaaaaaaaaa", List.of(new Company("9341452000001001", "Alice's Landscaping")));
    public static final TestUser BOB = new TestUser("bob@example.com", "bob-password",
            "5f0a3c11-0002-4e5b-9d61-bbbbbbbbbbbb", List.of(new Company("9341452000002001", "Bob's Bakery"),
                    new Company("9341452000002002", "Bob's Bike Repairs")));

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clientId = clientId; b.clientSecret = clientSecret; b.redirectUris = new ArrayList<>(redirectUris);
        b.users = new ArrayList<>(users); b.volume = volume; b.seed = seed; b.companyZone = companyZone;
        b.accessTokenLifetime = accessTokenLifetime; b.refreshTokenRollingLifetime = refreshTokenRollingLifetime;
        b.refreshTokenAbsoluteLifetime = refreshTokenAbsoluteLifetime; b.refreshTokenValueStableFor = refreshTokenValueStableFor;
        b.authorizationCodeLifetime = authorizationCodeLifetime; b.requestsPerWindow = requestsPerWindow; b.rateWindow = rateWindow;
        b.maxConcurrentPerRealm = maxConcurrentPerRealm; b.batchRequestsPerWindow = batchRequestsPerWindow; b.maxBatchItems = maxBatchItems;
        b.sendRetryAfter = sendRetryAfter; b.maxQueryResults = maxQueryResults; b.defaultQueryResults = defaultQueryResults;
        b.cdcMaxObjectsPerEntity = cdcMaxObjectsPerEntity; b.cdcLookBack = cdcLookBack; b.baseMinorVersion = baseMinorVersion;
        b.latestMinorVersion = latestMinorVersion; b.validateResponses = validateResponses; b.threads = threads;
        return b;
    }

    /** Defaults are Intuit's documented values; see each field's source in the connector doc. */
    public static final class Builder {
        private String clientId = CLIENT_ID;
        private String clientSecret = CLIENT_SECRET;
        private List<String> redirectUris = new ArrayList<>(List.of("http://127.0.0.1/callback"));
        private List<TestUser> users = new ArrayList<>(List.of(ALICE, BOB));
        private Volume volume = Volume.small();
        private long seed = 20240601L;
        private ZoneId companyZone = ZoneId.of("America/Los_Angeles");
        private Duration accessTokenLifetime = Duration.ofSeconds(3600);
        private Duration refreshTokenRollingLifetime = Duration.ofDays(100);
        private Duration refreshTokenAbsoluteLifetime = Duration.ofDays(5 * 365);
        private Duration refreshTokenValueStableFor = Duration.ofHours(24);
        private Duration authorizationCodeLifetime = Duration.ofMinutes(10);
        private int requestsPerWindow = 500;
        private Duration rateWindow = Duration.ofMinutes(1);
        private int maxConcurrentPerRealm = 10;
        private int batchRequestsPerWindow = 40;
        private int maxBatchItems = 30;
        private boolean sendRetryAfter = false;
        private int maxQueryResults = 1000;
        private int defaultQueryResults = 100;
        private int cdcMaxObjectsPerEntity = 1000;
        private Duration cdcLookBack = Duration.ofDays(30);
        private int baseMinorVersion = 75;
        private int latestMinorVersion = 75;
        private boolean validateResponses = false;
        private int threads = 32;

        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder redirectUris(List<String> v) { redirectUris = new ArrayList<>(v); return this; }
        public Builder users(List<TestUser> v) { users = new ArrayList<>(v); return this; }
        public Builder volume(Volume v) { volume = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder companyZone(ZoneId v) { companyZone = v; return this; }
        public Builder accessTokenLifetime(Duration v) { accessTokenLifetime = v; return this; }
        public Builder refreshTokenRollingLifetime(Duration v) { refreshTokenRollingLifetime = v; return this; }
        public Builder refreshTokenAbsoluteLifetime(Duration v) { refreshTokenAbsoluteLifetime = v; return this; }
        /** How long a refresh returns the same refresh-token value; {@link Duration#ZERO} rotates on every refresh. */
        public Builder refreshTokenValueStableFor(Duration v) { refreshTokenValueStableFor = v; return this; }
        public Builder authorizationCodeLifetime(Duration v) { authorizationCodeLifetime = v; return this; }
        /** Intuit: 500 requests per minute per realm per app; a test may shrink the window to compress time. */
        public Builder rateLimit(int requests, Duration window) { requestsPerWindow = requests; rateWindow = window; return this; }
        public Builder maxConcurrentPerRealm(int v) { maxConcurrentPerRealm = v; return this; }
        public Builder batchLimits(int requestsPerWindow, int maxItems) { batchRequestsPerWindow = requestsPerWindow; maxBatchItems = maxItems; return this; }
        /** Intuit does not document a Retry-After header on its 429; off unless a test wants to see one. */
        public Builder sendRetryAfter(boolean v) { sendRetryAfter = v; return this; }
        public Builder queryLimits(int max, int defaultResults) { maxQueryResults = max; defaultQueryResults = defaultResults; return this; }
        public Builder cdc(int maxObjectsPerEntity, Duration lookBack) { cdcMaxObjectsPerEntity = maxObjectsPerEntity; cdcLookBack = lookBack; return this; }
        public Builder minorVersions(int base, int latest) { baseMinorVersion = base; latestMinorVersion = latest; return this; }
        /** Checks every JSON answer against Intuit's XSD too (slower; the emulator's own tests turn it on). */
        public Builder validateResponses(boolean v) { validateResponses = v; return this; }
        public Builder threads(int v) { threads = v; return this; }

        public QboSettings build() {
            return new QboSettings(clientId, clientSecret, List.copyOf(redirectUris), List.copyOf(users), volume, seed, companyZone,
                    accessTokenLifetime, refreshTokenRollingLifetime, refreshTokenAbsoluteLifetime, refreshTokenValueStableFor,
                    authorizationCodeLifetime, requestsPerWindow, rateWindow, maxConcurrentPerRealm, batchRequestsPerWindow,
                    maxBatchItems, sendRetryAfter, maxQueryResults, defaultQueryResults, cdcMaxObjectsPerEntity, cdcLookBack,
                    baseMinorVersion, latestMinorVersion, validateResponses, threads);
        }
    }
}
