package dev.bridgekeeper.connector.quickbooks.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.connector.emulator.EmulatorClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * QuickBooks Online as Intuit documents it, on a free loopback port, for tests only: Intuit's OAuth
 * 2.0 server (authorization page, token, revoke, discovery, userinfo) and the Accounting API
 * ({@code /v3/company/{realmId}/...}) with the same paths as Intuit's hosts. Data per realm is the
 * committed example bodies plus deterministic generated volume. It enforces Intuit's throttles,
 * counts every call, records every request that breaks a documented rule, and lets a test inject
 * faults, revoke grants, expire tokens, move time and change or delete records.
 *
 * <pre>{@code
 * try (QuickBooksEmulator qbo = QuickBooksEmulator.start(QboSettings.builder().build())) {
 *     // configure the connector with qbo.authorizationUrl(), qbo.tokenUrl(), qbo.apiBaseUrl(), ...
 * }
 * }</pre>
 */
public final class QuickBooksEmulator implements AutoCloseable {

    private final QboSettings settings;
    private final EmulatorClock clock = new EmulatorClock();
    private final HttpServer server;
    private final ExecutorService executor;
    private final QboTraffic traffic;
    private final QboRequestRules rules;
    private final QboFaultInjector faults = new QboFaultInjector();
    private final QboOAuth oauth;
    private final Map<String, QboCompany> companies = new LinkedHashMap<>();

    private QuickBooksEmulator(QboSettings settings) throws IOException {
        this.settings = settings;
        this.traffic = new QboTraffic(settings);
        this.rules = new QboRequestRules(settings);
        this.oauth = new QboOAuth(settings, clock, traffic, rules);
        for (QboSettings.TestUser user : settings.users()) {
            for (QboSettings.Company c : user.companies()) {
                companies.computeIfAbsent(c.realmId(), id -> {
                    QboCompany company = new QboCompany(id, c.name(), settings.companyZone());
                    java.time.Instant generatedAt = clock.instant();
                    company.populateOnFirstUse(() -> {
                        company.loadExamples();
                        QboDataGenerator.generate(company, settings.volume(), settings.seed(), generatedAt);
                    });
                    return company;
                });
            }
        }
        QboAccountingApi api = new QboAccountingApi(settings, clock, oauth, traffic, rules, faults, companies);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/connect/oauth2", safe(oauth::authorize));
        server.createContext("/oauth2/v1/tokens/bearer", safe(oauth::token));
        server.createContext("/v2/oauth2/tokens/revoke", safe(oauth::revoke));
        server.createContext("/.well-known/openid_configuration", safe(ex -> oauth.discovery(ex, baseUrl())));
        server.createContext("/.well-known/openid_sandbox_configuration", safe(ex -> oauth.discovery(ex, baseUrl())));
        server.createContext("/v1/openid_connect/userinfo", safe(oauth::userInfo));
        server.createContext("/v3/", safe(api::handle));
        executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts an emulator on a free loopback port. */
    public static QuickBooksEmulator start(QboSettings settings) {
        try {
            return new QuickBooksEmulator(settings);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the QuickBooks emulator", e);
        }
    }

    // ---- URLs a test configures Bridgekeeper with (Intuit's hosts, here all on one port) ----

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** appcenter.intuit.com/connect/oauth2 */
    public String authorizationUrl() { return baseUrl() + "/connect/oauth2"; }

    /** oauth.platform.intuit.com/oauth2/v1/tokens/bearer */
    public String tokenUrl() { return baseUrl() + "/oauth2/v1/tokens/bearer"; }

    /** developer.api.intuit.com/v2/oauth2/tokens/revoke */
    public String revocationUrl() { return baseUrl() + "/v2/oauth2/tokens/revoke"; }

    /** developer.api.intuit.com/.well-known/openid_configuration */
    public String discoveryUrl() { return baseUrl() + "/.well-known/openid_configuration"; }

    /** accounts.intuit.com/v1/openid_connect/userinfo */
    public String userInfoUrl() { return baseUrl() + "/v1/openid_connect/userinfo"; }

    /** quickbooks.api.intuit.com: append {@code /v3/company/{realmId}/...}. */
    public String apiBaseUrl() { return baseUrl(); }

    public String companyUrl(String realmId) { return baseUrl() + "/v3/company/" + realmId; }

    public QboSettings settings() { return settings; }

    // ---- what tests observe ----

    public QboTraffic traffic() { return traffic; }

    /** Every request that broke a documented rule or Intuit's XSD; a well-behaved connector leaves this empty. */
    public List<QboRequestRules.Violation> violations() { return rules.violations(); }

    public void clearViolations() { rules.clear(); }

    public QboFaultInjector faults() { return faults; }

    public EmulatorClock clock() { return clock; }

    /** Refresh-token values issued to the latest grant for {@code realmId}, oldest first. */
    public List<String> refreshTokenLineage(String realmId) { return oauth.refreshLineage(realmId); }

    /** Records of one entity as the company now holds them (a copy of the list; nodes are not to be changed). */
    public List<ObjectNode> records(String realmId, String entity) { return company(realmId).list(entity); }

    public int count(String realmId, String entity) { return company(realmId).size(entity); }

    // ---- what tests change ----

    /** Registers another redirect URI for the app, as its developer would at developer.intuit.com. */
    public void registerRedirectUri(String uri) { oauth.registerRedirectUri(uri); }

    /** The user disconnects the app: refresh gives invalid_grant, API calls give 401 AuthenticationFault. */
    public void revokeGrant(String realmId) { oauth.revokeRealm(realmId); }

    /**
     * Intuit ends the realm's authorizations at {@code at} (its clock), earlier than five years from their code
     * exchange, as for consent given before the app's own record of it; {@code x_refresh_token_hard_expires_in}
     * says so, {@code x_refresh_token_expires_in} still the rolling 100 days. Null restores the five years.
     */
    public void endAuthorizations(String realmId, Instant at) { oauth.endAuthorizations(realmId, at); }

    /** Every access token issued so far stops working, as one an hour old does. */
    public void expireAccessTokens() { oauth.expireAccessTokens(); }

    /** Moves Intuit's clock (token expiry, CDC look-back, timestamps of later changes); throttle windows keep real time. */
    public void advanceClock(Duration by) { clock.advance(by); }

    /** Changes a record as a QuickBooks user would: SyncToken + 1, MetaData.LastUpdatedTime = now. */
    public ObjectNode updateRecord(String realmId, String entity, String id, Consumer<ObjectNode> change) {
        ObjectNode updated = company(realmId).update(entity, id, change, clock.instant());
        if (updated == null) throw new IllegalArgumentException("no " + entity + " " + id + " in realm " + realmId);
        return updated;
    }

    /** Deletes a record; CDC then reports it with status "Deleted". */
    public void deleteRecord(String realmId, String entity, String id) {
        if (!company(realmId).delete(entity, id, clock.instant())) {
            throw new IllegalArgumentException("no " + entity + " " + id + " in realm " + realmId);
        }
    }

    private QboCompany company(String realmId) {
        QboCompany c = companies.get(realmId);
        if (c == null) throw new IllegalArgumentException("unknown realm " + realmId);
        return c;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @FunctionalInterface
    private interface IoHandler {
        void handle(HttpExchange ex) throws IOException;
    }

    /** An emulator bug answers 500 with a Fault body instead of dropping the connection. */
    private HttpHandler safe(IoHandler handler) {
        return ex -> {
            try {
                handler.handle(ex);
            } catch (RuntimeException | IOException e) {
                rules.breach("emulator.error", ex.getRequestMethod() + " " + ex.getRequestURI(), String.valueOf(e));
                try {
                    QboWire.sendJson(ex, 500, QboWire.fault("SystemFault", "10000", "emulator error", String.valueOf(e), null,
                            QboWire.responseTime(clock.instant(), settings.companyZone())));
                } catch (IOException | RuntimeException ignored) {
                    ex.close();
                }
            }
        };
    }
}
