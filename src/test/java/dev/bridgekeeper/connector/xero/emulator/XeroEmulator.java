package dev.bridgekeeper.connector.xero.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.connector.emulator.EmulatorClock;
import dev.bridgekeeper.connector.emulator.HttpExchanges;
import dev.bridgekeeper.connector.emulator.OpenApiRequestCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Xero stand-in for tests, on a free loopback port: login.xero.com's authorize pages, identity.xero.com's
 * token and revocation endpoints, api.xero.com's connections and the Accounting API, all at Xero's own paths,
 * behaving as Xero documents (docs/connectors/xero.md lists each behaviour and its source). Every request is
 * checked against Xero's published OpenAPI description; tests read what happened from {@link #stats()} and
 * inject trouble through {@link #faults()}, {@link #ledger(UUID)} and the methods below.
 *
 * <pre>{@code
 * try (XeroEmulator xero = XeroEmulator.start(XeroEmulatorConfig.defaults())) {
 *     xero.registerApp(XeroApp.web("client-id", "secret", "http://127.0.0.1:8080/callback"));
 *     // configure the connector with xero.authorizeUrl(), tokenUrl(), revocationUrl(), connectionsUrl(), apiBaseUrl()
 * }
 * }</pre>
 */
public final class XeroEmulator implements AutoCloseable {

    /** One refresh token of a grant's lineage; {@code state} is ACTIVE, IN_GRACE, USED, EXPIRED or REVOKED. */
    public record RefreshTokenView(String token, String parentToken, int generation, Instant issuedAt,
            Instant firstUsedAt, int uses, String state) {}

    private final XeroEmulatorConfig config;
    private final EmulatorClock clock = new EmulatorClock();
    private final Map<String, XeroApp> apps = new ConcurrentHashMap<>();
    private final Map<UUID, Ledger> ledgers = new ConcurrentHashMap<>();
    private final EmulatorStats stats = new EmulatorStats();
    private final FaultPlan faults = new FaultPlan();
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService delays;
    private final GrantStore grants;
    private final String baseUrl;

    private XeroEmulator(XeroEmulatorConfig config) {
        this.config = config;
        VendorSpec.preload();
        OpenApiRequestCheck.of(VendorSpec.ACCOUNTING);
        config.apps().forEach(this::registerApp);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        grants = new GrantStore(clock, config.tokens(), baseUrl);
        // organisations are independent, so generate them side by side
        config.organisations().parallelStream().forEach(org -> ledgers.put(org.tenantId(), LedgerGenerator.generate(
                org, config.ledgerSize(org.tenantId()), config.dataAsOf(), config.includeVendorExamples(), clock)));
        RateLimiter limiter = new RateLimiter(config.rateLimits(), clock);
        IdentityServer identity = new IdentityServer(this, grants, stats);
        executor = Executors.newFixedThreadPool(config.serverThreads(), r -> {
            Thread t = new Thread(r, "xero-emulator");
            t.setDaemon(true);
            return t;
        });
        delays = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xero-emulator-delays");
            t.setDaemon(true);
            return t;
        });
        AccountingApi api = new AccountingApi(this, identity, grants, limiter, stats, faults, delays);
        server.createContext("/", exchange -> route(exchange, identity, api));
        server.setExecutor(executor);
        server.start();
    }

    /** Generates the ledgers and starts serving; close it to stop. */
    public static XeroEmulator start(XeroEmulatorConfig config) {
        return new XeroEmulator(config);
    }

    private void route(HttpExchange exchange, IdentityServer identity, AccountingApi api) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(AccountingApi.BASE) || path.startsWith(AccountingApi.BASE + "/")) {
                api.handle(exchange);
            } else {
                identity.handle(exchange);
            }
        } catch (RuntimeException e) {
            HttpExchanges.send(exchange, 500, "text/plain", "Xero emulator error: " + e);
        }
    }

    // ---- URLs a connector is configured with ----

    public String baseUrl() {
        return baseUrl;
    }

    /** login.xero.com/identity/connect/authorize */
    public String authorizeUrl() {
        return baseUrl + IdentityServer.AUTHORIZE;
    }

    /** identity.xero.com/connect/token */
    public String tokenUrl() {
        return baseUrl + IdentityServer.TOKEN;
    }

    /** identity.xero.com/connect/revocation */
    public String revocationUrl() {
        return baseUrl + IdentityServer.REVOCATION;
    }

    /** api.xero.com/connections */
    public String connectionsUrl() {
        return baseUrl + IdentityServer.CONNECTIONS;
    }

    /** api.xero.com/api.xro/2.0 (no trailing slash) */
    public String apiBaseUrl() {
        return baseUrl + AccountingApi.BASE;
    }

    /** The OpenID discovery document (issuer, endpoints, jwks_uri). */
    public String discoveryUrl() {
        return baseUrl + IdentityServer.DISCOVERY;
    }

    // ---- set-up and inspection ----

    /** Registers an app at the emulated developer portal (redirect URIs are matched exactly). */
    public XeroEmulator registerApp(XeroApp app) {
        apps.put(app.clientId(), app);
        return this;
    }

    XeroApp app(String clientId) {
        return clientId == null ? null : apps.get(clientId);
    }

    public XeroEmulatorConfig config() {
        return config;
    }

    /** The emulator's clock; {@code clock().advance(Duration.ofMinutes(31))} lets access tokens expire. */
    public EmulatorClock clock() {
        return clock;
    }

    /** One organisation's data, to read expectations from and to change records as a Xero user would. */
    public Ledger ledger(UUID tenantId) {
        return ledgers.get(tenantId);
    }

    public EmulatorStats stats() {
        return stats;
    }

    public FaultPlan faults() {
        return faults;
    }

    // ---- faults on the identity side ----

    /** Every access token issued so far expires now; the next API call with any of them is answered 401. */
    public void expireAccessTokensNow() {
        grants.expireAccessTokens();
    }

    /**
     * The user disconnects the app inside Xero: their connections go, refreshing answers invalid_grant and
     * API calls with their access tokens are answered 401.
     */
    public void revokeConsent(String userEmail, String clientId) {
        XeroUser user = config.userByEmail(userEmail);
        XeroApp app = app(clientId);
        if (user == null || app == null) {
            throw new NoSuchElementException("no user " + userEmail + " or app " + clientId);
        }
        grants.disconnectApp(user, app);
    }

    /** The lineage (oldest first) of the grant a refresh token belongs to; empty for an unknown token. */
    public List<RefreshTokenView> refreshTokenLineage(String anyRefreshToken) {
        return grants.lineageOf(anyRefreshToken);
    }

    /** Every grant's lineage, in the order the grants were made. */
    public List<List<RefreshTokenView>> refreshTokenLineages() {
        return grants.allLineages();
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
