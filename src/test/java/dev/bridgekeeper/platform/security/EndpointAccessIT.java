package dev.bridgekeeper.platform.security;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.bridgekeeper.platform.secrets.InstanceSecrets;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what, endpoint by endpoint. One table lists every API endpoint; each credential
 * that must be refused is tried against every row, and every refusal is checked to have changed
 * nothing. A test also compares the table with the application's own request mappings, so a new
 * endpoint that nobody added here fails the build instead of going unchecked.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAccessIT {

    /**
     * One endpoint. {@code {company}}, {@code {connection}} and {@code {apiKey}} in the path are
     * replaced by real ids ({@code {dataType}}, {@code {dataset}} and {@code {record}} by a data type and ids
     * that exist nowhere). {@code companyToken} marks the endpoints a company access token may
     * call; {@code statusWithKey} is what the client's API key gets for the request as written.
     */
    record Endpoint(String method, String path, String body, boolean companyToken, int statusWithKey) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String COMPANY = "{\"name\":\"Intruder Co\"}";
    private static final String NEW_CONNECTION = "{\"platformKey\":\"sbbk\"}";
    private static final String UNLINK = "{\"status\":\"Unlinked\"}";
    private static final String AUTHORIZATION = "{\"username\":\"intruder\"}";
    private static final String PROFILE = "{\"name\":\"Intruder Ltd\",\"redirectUrl\":\"https://intruder.example/"
            + "{companyId}\",\"whiteListUrls\":[\"https://intruder.example\"]}";
    private static final String SYNC = "{\"settings\":[{\"dataType\":\"invoices\",\"fetchOnFirstLink\":false,"
            + "\"syncSchedule\":1,\"syncOrder\":0}],\"overridesDefaults\":true}";
    private static final String CORS = "{\"allowedOrigins\":[\"https://intruder.example\"]}";
    private static final String API_KEY = "{\"name\":\"intruder\"}";
    // nothing listens on port 1: the fixture consumer exists for its records, not to receive anything
    private static final String WEBHOOK = "{\"url\":\"http://127.0.0.1:1/hooks\",\"eventTypes\":[\"company.created\"]}";
    private static final String REPLAY = "{\"since\":\"2020-01-01T00:00:00Z\"}";
    private static final String NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
    private static final String CONSENT = "{\"sourceType\":\"Banking\",\"text\":\"I agree.\"}";
    // {journey} becomes a fresh random id on every call: a journey belongs to one company
    private static final String JOURNEY_STEP = "{\"journeyId\":\"{journey}\",\"step\":\"opened\"}";
    private static final String GRANT = "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\"}";

    private static final String NO_CREDENTIALS = "Authentication is required. Send \"Authorization: Basic \" followed"
            + " by your base64-encoded API key.";
    private static final String BAD_CREDENTIALS = "The credentials in the Authorization header are not valid. Send"
            + " \"Basic \" followed by your base64-encoded API key.";
    private static final String NOT_FOR_TOKENS = "A company access token cannot call this endpoint. Use an API key.";
    private static final String NOT_FOR_HOSTED_LINK = "A Hosted Link token can only run the Link journey for its"
            + " company.";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What the token behind a company's {@code redirect} URL may call (the URL carries only the company id, so
     * anyone holding it gets this much, as with Codat's): the Link journey, and nothing else in the table.
     */
    private static final Set<String> HOSTED_LINK_JOURNEY = Set.of(
            "GET /link/api/companies/{company}",
            "GET /link/api/companies/{company}/integrations",
            "POST /link/api/companies/{company}/connections",
            "GET /link/api/companies/{company}/connections/{connection}",
            "POST /link/api/companies/{company}/consents",
            "GET /link/api/companies/{company}/consentTexts?sourceType=Banking",
            "POST /link/api/companies/{company}/journeySteps",
            "GET /link/api/companies/{company}/uploads",
            "POST /link/api/companies/{company}/uploads/consent",
            "POST /link/api/companies/{company}/uploads/files");

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/companies", null, false, 200),
            new Endpoint("POST", "/companies", COMPANY, false, 200),
            new Endpoint("GET", "/companies/{company}", null, false, 200),
            new Endpoint("PUT", "/companies/{company}", COMPANY, false, 200),
            new Endpoint("PATCH", "/companies/{company}", COMPANY, false, 200),
            new Endpoint("DELETE", "/companies/{company}", null, false, 204),
            // consent proof: the company's audit chain (empty for the fixture) and its verification
            new Endpoint("GET", "/companies/{company}/consents/audit", null, false, 200),
            new Endpoint("GET", "/companies/{company}/consents/audit/verify", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections", null, true, 200),
            new Endpoint("POST", "/companies/{company}/connections", NEW_CONNECTION, true, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}", null, true, 200),
            new Endpoint("DELETE", "/companies/{company}/connections/{connection}", null, false, 200),
            // the fixture's connection is PendingAuth, so unlinking it is refused on its merits (409)
            new Endpoint("PATCH", "/companies/{company}/connections/{connection}", UNLINK, true, 409),
            new Endpoint("PUT", "/companies/{company}/connections/{connection}/authorization", AUTHORIZATION, false,
                    200),
            new Endpoint("GET", "/integrations", null, true, 200),
            new Endpoint("GET", "/integrations/sbac", null, true, 200),
            new Endpoint("GET", "/integrations/sbac/branding", null, true, 200),
            // a client's own app for a platform: the lender's key only, never a company token
            new Endpoint("GET", "/integrations/gbol/credentials", null, false, 200),
            new Endpoint("PUT", "/integrations/gbol/credentials",
                    "{\"clientId\":\"my-xero-app\",\"clientSecret\":\"s3cret\"}", false, 200),
            new Endpoint("DELETE", "/integrations/gbol/credentials", null, false, 204),
            new Endpoint("GET", "/profile", null, false, 200),
            new Endpoint("PUT", "/profile", PROFILE, false, 200),
            new Endpoint("GET", "/profile/syncSettings", null, false, 200),
            new Endpoint("POST", "/profile/syncSettings", SYNC, false, 204),
            new Endpoint("GET", "/companies/{company}/syncSettings", null, false, 200),
            new Endpoint("POST", "/companies/{company}/syncSettings", SYNC, false, 204),
            new Endpoint("GET", "/corsSettings", null, false, 200),
            new Endpoint("POST", "/corsSettings", CORS, false, 200),
            new Endpoint("GET", "/connectionManagement/corsSettings", null, false, 200),
            new Endpoint("POST", "/connectionManagement/corsSettings", CORS, false, 200),
            new Endpoint("GET", "/apiKeys", null, false, 200),
            new Endpoint("POST", "/apiKeys", API_KEY, false, 201),
            new Endpoint("DELETE", "/apiKeys/{apiKey}", null, false, 204),
            new Endpoint("GET", "/companies/{company}/accessToken", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connectionManagement/accessToken", null, false, 200),
            new Endpoint("POST", "/companies/{company}/hostedLink/token", null, false, 201),
            new Endpoint("GET", "/webhooks", null, false, 200),
            new Endpoint("POST", "/webhooks", WEBHOOK, false, 201),
            new Endpoint("DELETE", "/webhooks/{webhook}", null, false, 204),
            new Endpoint("GET", "/webhooks/{webhook}/secret", null, false, 200),
            new Endpoint("POST", "/webhooks/{webhook}/secret/rotate", null, false, 200),
            new Endpoint("POST", "/webhooks/{webhook}/enable", null, false, 200),
            new Endpoint("POST", "/webhooks/{webhook}/disable", null, false, 200),
            new Endpoint("GET", "/webhooks/{webhook}/messages", null, false, 200),
            new Endpoint("GET", "/webhooks/{webhook}/messages/{message}/attempts", null, false, 200),
            new Endpoint("POST", "/webhooks/{webhook}/messages/{message}/resend", null, false, 202),
            new Endpoint("POST", "/webhooks/{webhook}/replay", REPLAY, false, 202),
            // sync: the fixture's connection is PendingAuth, so queueing a data type finds no Linked connection
            new Endpoint("POST", "/companies/{company}/data/all", null, false, 204),
            new Endpoint("POST", "/companies/{company}/data/queue/{dataType}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/dataStatus", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/history", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/history/{dataset}", null, false, 404),
            // the read API: empty lists for a company that has synced nothing, 404 for any one record
            new Endpoint("GET", "/companies/{company}/data/accounts", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/accounts/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/customers", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/customers/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/invoices", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/invoices/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/info", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/suppliers", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/suppliers/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/bills", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/bills/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/payments", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/payments/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/billPayments", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/billPayments/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/creditNotes", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/creditNotes/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/journalEntries", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/journalEntries/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/billCreditNotes", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/billCreditNotes/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/purchaseOrders", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/purchaseOrders/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/taxRates", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/taxRates/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/trackingCategories", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/trackingCategories/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/items", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/items/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/journals", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/journals/{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/data/paymentMethods", null, false, 200),
            new Endpoint("GET", "/companies/{company}/data/paymentMethods/{record}", null, false, 404),
            // the aged reports: 404 until the data they are made from has been synced
            new Endpoint("GET", "/companies/{company}/reports/agedDebtor", null, false, 404),
            new Endpoint("GET", "/companies/{company}/reports/agedDebtor/available", null, false, 200),
            new Endpoint("GET", "/companies/{company}/reports/agedCreditor", null, false, 404),
            new Endpoint("GET", "/companies/{company}/reports/agedCreditor/available", null, false, 200),
            // the statements need periodLength and periodsToCompare: without them, 400 naming both
            new Endpoint("GET", "/companies/{company}/data/financials/balanceSheet", null, false, 400),
            new Endpoint("GET", "/companies/{company}/data/financials/profitAndLoss", null, false, 400),
            new Endpoint("GET", "/companies/{company}/data/financials/cashFlowStatement", null, false, 400),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/bankAccounts", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/bankAccounts/{record}", null,
                    false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/bankAccounts/{record}"
                    + "/bankTransactions", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/directCosts", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/directCosts/{record}", null, false,
                    404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/directIncomes", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/directIncomes/{record}", null, false,
                    404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/transfers", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/transfers/{record}", null, false,
                    404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/accountTransactions", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/accountTransactions/{record}", null, false,
                    404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/banking-accounts", null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/banking-accounts/{record}", null,
                    false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/banking-transactions", null, false,
                    200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/banking-transactions/{record}", null,
                    false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/banking-accountBalances", null,
                    false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/banking-transactionCategories",
                    null, false, 200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/banking-transactionCategories/"
                    + "{record}", null, false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-info", null, false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-customers", null, false,
                    200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-customers/{record}", null,
                    false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-orders", null, false,
                    200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-orders/{record}", null,
                    false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-products", null, false,
                    200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-products/{record}", null,
                    false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-payments", null, false,
                    200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-payments/{record}", null,
                    false, 404),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-transactions", null, false,
                    200),
            new Endpoint("GET", "/companies/{company}/connections/{connection}/data/commerce-transactions/{record}", null,
                    false, 404),
            // the Link UI's API: made for the company token; the client's API key may call it too
            new Endpoint("GET", "/link/api/companies/{company}", null, true, 200),
            new Endpoint("GET", "/link/api/companies/{company}/integrations", null, true, 200),
            new Endpoint("POST", "/link/api/companies/{company}/connections", NEW_CONNECTION, true, 200),
            new Endpoint("GET", "/link/api/companies/{company}/connections/{connection}", null, true, 200),
            new Endpoint("POST", "/link/api/companies/{company}/consents", CONSENT, true, 201),
            new Endpoint("GET", "/link/api/companies/{company}/consents/pending", null, true, 200),
            new Endpoint("GET", "/link/api/companies/{company}/consentTexts?sourceType=Banking", null, true, 200),
            new Endpoint("POST", "/link/api/companies/{company}/journeySteps", JOURNEY_STEP, true, 204),
            // the Link funnel is the lender's: API key only
            new Endpoint("GET", "/link/analytics", null, false, 200),
            // uploads from the journey, refused on their merits (a blank consent text: 400; JSON where multipart is
            // expected: 415): a recorded consent would link an upload connection, whose first read then changes the
            // shared company's connections while other rows run
            new Endpoint("GET", "/link/api/companies/{company}/uploads", null, true, 200),
            new Endpoint("POST", "/link/api/companies/{company}/uploads/consent", "{\"text\":\" \"}", true, 400),
            new Endpoint("POST", "/link/api/companies/{company}/uploads/files", "{}", true, 415),
            // Codat's Files API: the lender's key only; the fixture company has no files to download
            new Endpoint("GET", "/companies/{company}/files", null, false, 200),
            new Endpoint("GET", "/companies/{company}/files/download", null, false, 404),
            new Endpoint("POST", "/companies/{company}/connections/{connection}/files", "{}", false, 415),
            // manage connections: the fixture's connection is PendingAuth, so it is not listed and cannot be unlinked
            new Endpoint("GET", "/link/api/companies/{company}/connections", null, true, 200),
            new Endpoint("PATCH", "/link/api/companies/{company}/connections/{connection}", UNLINK, true, 409),
            new Endpoint("GET", "/link/api/companies/{company}/connections/{connection}/impact", null, true, 200),
            // products: the fixture company has none, so removing or refreshing one finds nothing
            new Endpoint("GET", "/products", null, false, 200),
            new Endpoint("PUT", "/companies/{company}/products/{product}", null, false, 204),
            new Endpoint("DELETE", "/companies/{company}/products/{product}", null, false, 404),
            new Endpoint("POST", "/companies/{company}/products/{product}/refresh", null, false, 404),
            // consent records: granting needs the product assigned first (400 naming productIdentifier); the
            // customer's token may read, revoke and reconfirm its own company's consents
            new Endpoint("POST", "/companies/{company}/consents", GRANT, false, 400),
            new Endpoint("GET", "/companies/{company}/consents", null, true, 200),
            new Endpoint("GET", "/companies/{company}/consents/{dataset}", null, true, 404),
            new Endpoint("GET", "/companies/{company}/consents/{dataset}/impact", null, true, 404),
            new Endpoint("GET", "/companies/{company}/consents/{dataset}/receipt", null, true, 404),
            new Endpoint("POST", "/companies/{company}/consents/{dataset}/revoke", null, true, 404),
            new Endpoint("POST", "/companies/{company}/consents/{dataset}/reconfirm", null, true, 404));

    /** Paths the security configuration leaves open; everything else must be in the table. */
    private static final List<String> PUBLIC_PREFIXES =
            List.of("/error", "/openapi.json", "/branding/", "/docs", "/swagger-ui", "/v3/api-docs", "/oauth/callback",
                    "/sandbox", "/.well-known/jwks.json");

    /** Browser-facing endpoints that take no credentials (the customer follows linkUrl without a key). */
    private static final List<String> PUBLIC_PATTERNS =
            List.of("/companies/{companyId}/connections/{connectionId}/start",
                    // Hosted Link's page: no data in it; the token travels in the URL fragment, or a one-time
                    // link token in the query is redeemed by the page itself
                    "/link/{companyId:[0-9a-fA-F-]{36}}",
                    // the customer's organisation choice: a plain form whose single-use choice token is the credential
                    "/oauth/organisation");

    /** Credentials that must never get past authentication. */
    enum BadCredential {
        NO_AUTHORIZATION_HEADER, WRONG_API_KEY, GARBAGE_BEARER, BASIC_NOT_BASE64, UNKNOWN_SCHEME,
        TAMPERED_TOKEN_SIGNATURE, TOKEN_SIGNED_WITH_ANOTHER_KEY, EXPIRED_TOKEN, UNSIGNED_TOKEN
    }

    /**
     * What one test run works on: two companies of the client, a connection on the first, its token,
     * and (when the endpoint needs them) a disabled webhook consumer with one message.
     */
    record Fixture(String company, String otherCompany, String connection, String token, String webhook,
            String message) {

        Fixture(String company, String otherCompany, String connection, String token) {
            this(company, otherCompany, connection, token, null, null);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InstanceSecrets secrets;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Api admin;
    private Api anonymous;
    private Fixture shared;
    private String sharedApiKey;
    private Api clientB;
    private String clientBCompany;
    private Map<String, JsonNode> before;
    /**
     * The state as read at the end of the last test, when nothing has been done since (the next test starts from it
     * instead of reading it again); null when it must be read.
     */
    private Map<String, JsonNode> lastRead;

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static Stream<Endpoint> companyTokenEndpointsWithCompany() {
        return ENDPOINTS.stream().filter(e -> e.companyToken() && e.path().contains("{company}"));
    }

    static Stream<Arguments> endpointsWithBadCredentials() {
        return ENDPOINTS.stream().flatMap(e -> Stream.of(BadCredential.values()).map(c -> Arguments.of(e, c)));
    }

    @BeforeAll
    void createFixtures() {
        admin = Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
        anonymous = Api.at(port).anonymous();
        shared = newFixture(true);
        sharedApiKey = createApiKey(admin);

        clientB = dev.bridgekeeper.support.Tenant.create(jdbc, port, "Client B").api();
        clientBCompany = createCompany(clientB, "Client B company");
    }

    @AfterAll
    void removeSharedApiKeyAndWebhook() {
        admin.delete("/apiKeys/" + sharedApiKey);
        admin.delete("/webhooks/" + shared.webhook());
    }

    @BeforeEach
    void takeSnapshot() {
        before = lastRead != null ? lastRead : snapshot();
        lastRead = null;
    }

    /** Undoes what the tests that are allowed to write did to client-wide state. */
    @AfterEach
    void restoreClientSettings() {
        Map<String, JsonNode> now = lastRead != null ? lastRead : snapshot();
        lastRead = null;
        boolean restored = false;
        if (!now.get("/profile").equals(before.get("/profile"))) {
            assertThat(admin.put("/profile", before.get("/profile").toString()).status()).isEqualTo(200);
            restored = true;
        }
        if (!now.get("/corsSettings").equals(before.get("/corsSettings"))) {
            assertThat(admin.post("/corsSettings", before.get("/corsSettings").toString()).status()).isEqualTo(200);
            restored = true;
        }
        if (!now.get("/profile/syncSettings").equals(before.get("/profile/syncSettings"))) {
            assertThat(admin.post("/profile/syncSettings", before.get("/profile/syncSettings").toString()).status())
                    .isEqualTo(204);
            restored = true;
        }
        Set<String> keep = ids(before.get("/apiKeys"));
        for (String id : ids(now.get("/apiKeys"))) {
            if (!keep.contains(id)) {
                assertThat(admin.delete("/apiKeys/" + id).status()).isEqualTo(204);
                restored = true;
            }
        }
        Set<String> keepWebhooks = ids(before.get("/webhooks"));
        for (String id : ids(now.get("/webhooks"))) {
            if (!keepWebhooks.contains(id)) {
                assertThat(admin.delete("/webhooks/" + id).status()).isEqualTo(204);
                restored = true;
            }
        }
        // nothing was put back: what was just read is the next test's starting state (three reads a test saved)
        lastRead = restored ? null : now;
    }

    @Test
    void theTableListsEveryEndpointTheApplicationServes() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            for (String pattern : info.getPatternValues()) {
                if (PUBLIC_PREFIXES.stream().anyMatch(pattern::startsWith) || PUBLIC_PATTERNS.contains(pattern)) {
                    continue;
                }
                if (info.getMethodsCondition().getMethods().isEmpty()) {
                    served.add("ANY " + shape(pattern));
                }
                info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + shape(pattern)));
            }
        });
        Set<String> listed = ENDPOINTS.stream().map(e -> e.method() + " " + shape(e.path()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(served);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anApiKeyReachesEveryEndpointInTheTable(Endpoint endpoint) {
        Fixture own = newFixture(endpoint.path().contains("{webhook}"));
        String apiKey = endpoint.path().contains("{apiKey}") ? createApiKey(admin) : null;
        Api.Response response = call(admin, endpoint, own, apiKey);
        assertThat(response.status()).as(response.toString()).isEqualTo(endpoint.statusWithKey());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("endpointsWithBadCredentials")
    void badCredentialsAre401AndChangeNothing(Endpoint endpoint, BadCredential credential) throws Exception {
        Api caller = credential == BadCredential.NO_AUTHORIZATION_HEADER ? anonymous
                : anonymous.withAuthorization(authorization(credential));
        Api.Response response = call(caller, endpoint, shared, sharedApiKey);
        assertAnswer(response, 401,
                credential == BadCredential.NO_AUTHORIZATION_HEADER ? NO_CREDENTIALS : BAD_CREDENTIALS);
        assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aCompanyTokenReachesOnlyItsOwnEndpoints(Endpoint endpoint) {
        Api token = anonymous.withBearer(shared.token());
        Api.Response response = call(token, endpoint, shared, sharedApiKey);
        if (!endpoint.companyToken()) {
            assertAnswer(response, 403, NOT_FOR_TOKENS);
            assertUnchanged();
            return;
        }
        assertThat(response.status()).as(response.toString()).isNotIn(401, 403).isEqualTo(endpoint.statusWithKey());
        if (endpoint.method().equals("GET") && endpoint.statusWithKey() == 200) {
            // (error answers differ only in their correlation id)
            assertThat(response.json()).as("the token sees what the key sees")
                    .isEqualTo(call(admin, endpoint, shared, sharedApiKey).json());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theHostedLinkPagesTokenReachesOnlyTheJourney(Endpoint endpoint) {
        String page = anonymous.get("/link/" + shared.company()).body();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("access-token=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as(page).isTrue();
        Api hosted = anonymous.withBearer(token.group(1));
        Api.Response response = call(hosted, endpoint, shared, sharedApiKey);
        if (!HOSTED_LINK_JOURNEY.contains(endpoint.toString())) {
            assertAnswer(response, 403, NOT_FOR_HOSTED_LINK);
            assertUnchanged();
            return;
        }
        assertThat(endpoint.companyToken()).isTrue();
        assertThat(response.status()).as(response.toString()).isEqualTo(endpoint.statusWithKey());
        // another company of the same client, or another client's: refused
        Fixture other = new Fixture(shared.otherCompany(), shared.company(), shared.connection(), shared.token(),
                shared.webhook(), shared.message());
        assertAnswer(call(hosted, endpoint, other, sharedApiKey), 403, NOT_FOR_HOSTED_LINK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("companyTokenEndpointsWithCompany")
    void aCompanyTokenIsForbiddenOnAnotherCompanysPaths(Endpoint endpoint) {
        Api token = anonymous.withBearer(shared.token());
        Fixture sameClient = new Fixture(shared.otherCompany(), shared.company(), shared.connection(), shared.token(),
                shared.webhook(), shared.message());
        assertAnswer(call(token, endpoint, sameClient, sharedApiKey), 403, NOT_FOR_TOKENS);
        Fixture otherClient = new Fixture(clientBCompany, shared.company(), shared.connection(), shared.token(),
                shared.webhook(), shared.message());
        assertAnswer(call(token, endpoint, otherClient, sharedApiKey), 403, NOT_FOR_TOKENS);
        assertUnchanged();
    }

    @Test
    void aCompanyTokenCannotReachAnotherCompanysConnectionThroughItsOwnPath() {
        Api.Response created = admin.post("/companies/" + shared.otherCompany() + "/connections", NEW_CONNECTION);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        before = snapshot();
        String foreign = "/companies/" + shared.company() + "/connections/" + created.json().path("id").asString();
        Api token = anonymous.withBearer(shared.token());
        assertError(token.get(foreign), 404);
        assertError(token.patch(foreign, UNLINK), 404);
        assertUnchanged();
    }

    @Test
    void aDeletedApiKeyStopsWorkingAtOnce() {
        Api.Response created = admin.post("/apiKeys", "{\"name\":\"short-lived\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api key = anonymous.withApiKey(created.json().path("apiKey").asString());
        assertThat(key.get("/companies/" + shared.company()).status()).isEqualTo(200);
        assertThat(admin.delete("/apiKeys/" + created.json().path("id").asString()).status()).isEqualTo(204);
        assertError(key.get("/companies/" + shared.company()), 401);
        assertError(key.delete("/companies/" + shared.company()), 401);
        assertUnchanged();
    }

    @Test
    void aTokenReSignedWithTheRealKeyIsAccepted() throws Exception {
        // the control for the forged tokens: the same claims, properly signed and unexpired, work
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claimsOf(shared.token()))
                .jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                .build();
        Api token = anonymous.withBearer(sign(claims, secrets.tokenSigningKey()));
        Api.Response response = token.get("/companies/" + shared.company() + "/connections");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void aValidTokenForAnotherClientsCompanyFindsNothing() throws Exception {
        // a token that names client B but company A (as if B's token were re-pointed) must not reach A's data
        String clientBToken = clientB.get("/companies/" + clientBCompany + "/accessToken").json()
                .path("accessToken").asString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claimsOf(clientBToken))
                .subject(shared.company())
                .build();
        Api token = anonymous.withBearer(sign(claims, secrets.tokenSigningKey()));
        assertError(token.get("/companies/" + shared.company() + "/connections"), 404);
        assertError(token.get("/companies/" + shared.company() + "/connections/" + shared.connection()), 404);
        assertError(token.post("/companies/" + shared.company() + "/connections", NEW_CONNECTION), 404);
        assertUnchanged();
    }

    @Test
    void pathTricksDoNotWidenACompanyToken() {
        Api token = anonymous.withBearer(shared.token());
        String own = shared.company();
        String other = shared.otherCompany();
        Map<String, Integer> answers = new LinkedHashMap<>();
        // not normalised, or carrying path parameters: refused by the firewall before anything else
        answers.put("/companies/" + own + "/connections/../../" + other + "/connections", 400);
        answers.put("/companies/" + own + "/connections/%2E%2E/%2E%2E/" + other + "/connections", 400);
        answers.put("/companies/" + other + ";x=" + own + "/connections", 400);
        answers.put("//companies/" + other + "/connections", 400);
        // well-formed paths naming the other company, however spelt
        answers.put("/companies/" + other + "/connections/", 403);
        answers.put("/companies/" + other.toUpperCase() + "/connections", 403);
        answers.forEach((path, status) -> assertError(token.get(path), status));

        // an encoded slash is refused by Tomcat itself, before the application (a plain 400 page)
        Api.Response encodedSlash = token.get("/companies/" + own + "%2F..%2F" + other + "/connections");
        assertThat(encodedSlash.status()).as(encodedSlash.toString()).isEqualTo(400);
        assertThat(encodedSlash.body()).doesNotContain("results").doesNotContain("Exception");
        assertUnchanged();
    }

    @Test
    void metricsNeedAnApiKey() {
        // instance-wide figures (paths, tenants' traffic, pool sizes) are for the operator, not the internet
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous.withBearer(shared.token()).get("/actuator/prometheus").status()).isEqualTo(403);
        Api.Response metrics = admin.get("/actuator/prometheus");
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void publicPathsAnswerWithoutAKey() {
        Api.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");

        Api.Response openApi = anonymous.get("/openapi.json");
        assertThat(openApi.status()).as(openApi.toString()).isEqualTo(200);
        assertThat(openApi.json().path("openapi").asString()).startsWith("3.");
        assertThat(openApi.json().path("paths").has("/companies")).isTrue();

        String logoUrl = admin.get("/integrations/sbac").json().path("logoUrl").asString();
        String logoPath = URI.create(logoUrl).getPath();
        assertThat(logoPath).isEqualTo("/branding/sbac/sandbox-accounting.svg");
        Api.Response logo = anonymous.get(logoPath);
        assertThat(logo.status()).as(logo.toString()).isEqualTo(200);
        assertThat(logo.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(logo.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(logo.body()).contains("<svg");

        // only files a catalog entry names are served, even on the public path
        assertError(anonymous.get("/branding/sbac/sbac.yaml"), 404);
        assertError(anonymous.get("/branding/zzzz/sandbox-accounting.svg"), 404);
    }

    @Test
    void anotherClientCannotSeeOrChangeThisClientsCompany() {
        String company = "/companies/" + shared.company();
        String connection = company + "/connections/" + shared.connection();
        assertError(clientB.get(company), 404);
        assertError(clientB.put(company, COMPANY), 404);
        assertError(clientB.patch(company, COMPANY), 404);
        assertError(clientB.delete(company), 404);
        assertError(clientB.get(company + "/connections"), 404);
        assertError(clientB.post(company + "/connections", NEW_CONNECTION), 404);
        assertError(clientB.get(connection), 404);
        assertError(clientB.patch(connection, UNLINK), 404);
        assertError(clientB.put(connection + "/authorization", AUTHORIZATION), 404);
        assertError(clientB.delete(connection), 404);
        assertError(clientB.get(company + "/syncSettings"), 404);
        assertError(clientB.post(company + "/syncSettings", SYNC), 404);
        assertError(clientB.get(company + "/accessToken"), 404);
        assertError(clientB.get(company + "/connectionManagement/accessToken"), 404);
        assertError(clientB.delete("/apiKeys/" + sharedApiKey), 404);
        String webhook = "/webhooks/" + shared.webhook();
        assertError(clientB.get(webhook + "/secret"), 404);
        assertError(clientB.post(webhook + "/secret/rotate", null), 404);
        assertError(clientB.post(webhook + "/enable", null), 404);
        assertError(clientB.get(webhook + "/messages"), 404);
        assertError(clientB.get(webhook + "/messages/" + shared.message() + "/attempts"), 404);
        assertError(clientB.post(webhook + "/messages/" + shared.message() + "/resend", null), 404);
        assertError(clientB.post(webhook + "/replay", REPLAY), 404);
        assertError(clientB.delete(webhook), 404);
        assertThat(clientB.get("/webhooks").json().path("results").size()).isZero();
        assertUnchanged();

        JsonNode bList = clientB.get("/companies").json();
        assertThat(bList.path("totalResults").asInt()).isEqualTo(1);
        assertThat(ids(bList)).containsExactly(clientBCompany);
        assertThat(ids(clientB.get("/apiKeys").json())).hasSize(1).doesNotContain(sharedApiKey);

        assertError(admin.get("/companies/" + clientBCompany), 404);
        assertThat(admin.get("/companies?pageSize=2000").json().path("results").valueStream()
                .map(c -> c.path("id").asString()).toList())
                .contains(shared.company())
                .doesNotContain(clientBCompany);
        assertThat(clientB.get("/companies/" + clientBCompany).status()).isEqualTo(200);
    }

    // --- credentials ---------------------------------------------------------------------------

    private String authorization(BadCredential credential) throws Exception {
        String key = Base64.getEncoder().encodeToString("not-a-key-of-anyone-0123456789".getBytes());
        return switch (credential) {
            case NO_AUTHORIZATION_HEADER -> null;
            case WRONG_API_KEY -> "Basic " + key;
            case GARBAGE_BEARER -> "Bearer x.y.z";
            case BASIC_NOT_BASE64 -> "Basic !!not*base64!!";
            case UNKNOWN_SCHEME -> "Token " + Api.BOOTSTRAP_KEY;
            case TAMPERED_TOKEN_SIGNATURE -> "Bearer " + flipSignatureCharacter(shared.token());
            case TOKEN_SIGNED_WITH_ANOTHER_KEY -> {
                byte[] other = new byte[32];
                new SecureRandom().nextBytes(other);
                yield "Bearer " + sign(claimsOf(shared.token()), other);
            }
            case EXPIRED_TOKEN -> {
                Instant now = Instant.now();
                JWTClaimsSet expired = new JWTClaimsSet.Builder(claimsOf(shared.token()))
                        .issueTime(Date.from(now.minus(Duration.ofHours(25))))
                        .expirationTime(Date.from(now.minus(Duration.ofSeconds(30))))
                        .build();
                yield "Bearer " + sign(expired, secrets.tokenSigningKey());
            }
            case UNSIGNED_TOKEN -> "Bearer " + new PlainJWT(claimsOf(shared.token())).serialize();
        };
    }

    /** Changes one character in the middle of the signature, where every bit counts. */
    private static String flipSignatureCharacter(String token) {
        int start = token.lastIndexOf('.') + 1;
        int at = start + (token.length() - start) / 2;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, at) + replacement + token.substring(at + 1);
        assertThat(tampered).isNotEqualTo(token);
        return tampered;
    }

    private static JWTClaimsSet claimsOf(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static String sign(JWTClaimsSet claims, byte[] key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    // --- fixtures and requests -----------------------------------------------------------------

    private Fixture newFixture(boolean withWebhook) {
        String webhook = null;
        if (withWebhook) {
            Api.Response created = admin.post("/webhooks", WEBHOOK);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            webhook = created.json().path("id").asString();
        }
        String company = createCompany(admin, "Access " + UUID.randomUUID());
        String other = createCompany(admin, "Access other " + UUID.randomUUID());
        Api.Response connection = admin.post("/companies/" + company + "/connections", "{\"platformKey\":\"sbac\"}");
        assertThat(connection.status()).as(connection.toString()).isEqualTo(200);
        Api.Response token = admin.get("/companies/" + company + "/accessToken");
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        String message = null;
        if (webhook != null) {
            // the company's creation gave the consumer its message; disabled, it stops trying port 1
            Api.Response disabled = admin.post("/webhooks/" + webhook + "/disable", null);
            assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
            Api.Response messages = admin.get("/webhooks/" + webhook + "/messages");
            assertThat(messages.json().path("totalResults").asInt()).as(messages.toString()).isPositive();
            message = messages.json().path("results").get(0).path("id").asString();
        }
        return new Fixture(company, other, connection.json().path("id").asString(),
                token.json().path("accessToken").asString(), webhook, message);
    }

    private static String createCompany(Api api, String name) {
        Api.Response created = api.post("/companies", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("id").asString();
    }

    private static String createApiKey(Api api) {
        Api.Response created = api.post("/apiKeys", "{\"name\":\"access test\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static Api.Response call(Api caller, Endpoint endpoint, Fixture fixture, String apiKey) {
        String path = endpoint.path()
                .replace("{company}", fixture.company())
                .replace("{connection}", fixture.connection())
                .replace("{apiKey}", apiKey == null ? "" : apiKey)
                .replace("{webhook}", fixture.webhook() == null ? "" : fixture.webhook())
                .replace("{message}", fixture.message() == null ? "" : fixture.message())
                .replace("{dataType}", "banking-accounts")
                .replace("{product}", "onboarding")
                .replace("{dataset}", NO_SUCH_ID)
                .replace("{record}", "no-such-record");
        return caller.send(endpoint.method(), path,
                endpoint.body() == null ? null : endpoint.body().replace("{journey}", UUID.randomUUID().toString()));
    }

    /** What a refused request must not have changed, read with the client's own key. */
    private Map<String, JsonNode> snapshot() {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of(
                "/companies/" + shared.company(), "/companies/" + shared.otherCompany(),
                "/companies/" + shared.company() + "/connections", "/companies/" + shared.company() + "/syncSettings",
                "/companies?pageSize=1", "/apiKeys", "/profile", "/corsSettings", "/profile/syncSettings", "/webhooks", "/link/analytics",
                "/webhooks/" + shared.webhook() + "/messages", "/webhooks/" + shared.webhook() + "/secret"));
        for (String path : paths) {
            Api.Response response = admin.get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            state.put(path, response.json());
        }
        return state;
    }

    private void assertUnchanged() {
        Map<String, JsonNode> after = snapshot();
        after.forEach((path, value) -> assertThat(value).as("GET %s after the refused request", path)
                .isEqualTo(before.get(path)));
        lastRead = after;
    }

    /** The whole ErrorMessage: status, service, text, the response's correlation id, not retryable. */
    private static void assertAnswer(Api.Response response, int status, String error) {
        assertError(response, status);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("statusCode", status);
        expected.put("service", "PublicApi");
        expected.put("error", error);
        expected.put("correlationId", response.header("X-Correlation-Id"));
        expected.put("canBeRetried", "No");
        expected.put("detailedErrorCode", 0);
        assertThat(response.json()).as(response.toString()).isEqualTo(JSON.valueToTree(expected));
    }

    private static Set<String> ids(JsonNode list) {
        return list.path("results").valueStream().map(n -> n.path("id").asString())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static String shape(String path) {
        return path.replaceAll("\\?.*$", "").replaceAll("\\{[^}]*}", "{}").replace("/sbac", "/{}")
                .replace("/gbol/", "/{}/");
    }
}
