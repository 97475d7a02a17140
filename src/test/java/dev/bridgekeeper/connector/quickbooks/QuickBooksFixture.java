package dev.bridgekeeper.connector.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.connector.quickbooks.emulator.QboSettings;
import dev.bridgekeeper.connector.quickbooks.emulator.QuickBooksEmulator;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One QuickBooks emulator for the JVM's QuickBooks tests, and Bridgekeeper configured as a lender's deployment would
 * be: its Intuit app's credentials and every Intuit URL under {@code bridgekeeper.integrations.qhyg.*}. Intuit's minute
 * is compressed to {@link #MINUTE} on both sides (the emulator's throttle and the connector's policy), the counts
 * staying Intuit's: 500 requests a "minute" per realm, 10 at once. Every refresh rotates the refresh token (Intuit
 * keeps a value for up to a day; the emulator is told not to), so rotation is seen in every test that refreshes, and
 * the 429 carries a Retry-After of one compressed minute.
 */
final class QuickBooksFixture {

    static final Duration MINUTE = Duration.ofSeconds(3);
    static final QuickBooksEmulator QBO = QuickBooksEmulator.start(QboSettings.builder()
            .rateLimit(500, MINUTE)
            .sendRetryAfter(true)
            .refreshTokenValueStableFor(Duration.ZERO)
            .build());
    static final String ALICE_REALM = QboSettings.ALICE.companies().get(0).realmId();

    private static final Pattern TX = Pattern.compile("name=tx value=\"([^\"]+)\"");

    private QuickBooksFixture() {}

    /** The deployment's configuration of QuickBooks Online, pointed at the emulator, with pages of 50. */
    static void configure(DynamicPropertyRegistry registry) {
        configure(registry, 50);
    }

    /** As {@link #configure(DynamicPropertyRegistry)}, with {@code pageSize} records a page. */
    static void configure(DynamicPropertyRegistry registry, int pageSize) {
        registry.add("bridgekeeper.integrations.qhyg.client-id", () -> QboSettings.CLIENT_ID);
        registry.add("bridgekeeper.integrations.qhyg.client-secret", () -> QboSettings.CLIENT_SECRET);
        registry.add("bridgekeeper.integrations.qhyg.urls.authorize", QBO::authorizationUrl);
        registry.add("bridgekeeper.integrations.qhyg.urls.token", QBO::tokenUrl);
        registry.add("bridgekeeper.integrations.qhyg.urls.revoke", QBO::revocationUrl);
        registry.add("bridgekeeper.integrations.qhyg.urls.api-base", QBO::apiBaseUrl);
        registry.add("bridgekeeper.integrations.qhyg.options.minor-version", () -> "75");
        registry.add("bridgekeeper.integrations.qhyg.rate-limits.realm-minute.window", MINUTE::toString);
        // several pages per data type of the generated company, so paging and resuming are used
        registry.add("bridgekeeper.sync.page-size", () -> String.valueOf(pageSize));
        // no periodic full read in these tests: a full read after an incremental one is the connector's decision
        registry.add("bridgekeeper.sync.full-sync-interval", () -> "P90D");
    }

    /** The lender's Intuit app gets Bridgekeeper's one redirect URI registered. */
    static void registerApp(String publicUrl) {
        QBO.registerRedirectUri(publicUrl + "/oauth/callback");
    }

    /**
     * The customer follows the linkUrl, signs in at Intuit as {@code user}, connects {@code realmId} and Intuit sends
     * the browser back to Bridgekeeper's callback; answers Bridgekeeper's answer to the callback.
     */
    static HttpResponse<String> authorise(String linkUrl, QboSettings.TestUser user, String realmId) {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(linkUrl);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorize = Browser.location(start);
        assertThat(authorize).startsWith(QBO.authorizationUrl());
        Browser intuit = new Browser();
        HttpResponse<String> signInPage = intuit.get(authorize);
        assertThat(signInPage.statusCode()).as(signInPage.body()).isEqualTo(200);
        String tx = match(signInPage.body());
        HttpResponse<String> companyPage = intuit.postForm(QBO.authorizationUrl(), Map.of("tx", tx, "email",
                user.email(), "password", user.password()));
        assertThat(companyPage.statusCode()).as(companyPage.body()).isEqualTo(200);
        assertThat(companyPage.body()).contains("value=\"" + realmId + "\"");
        HttpResponse<String> connected = intuit.postForm(QBO.authorizationUrl(), Map.of("tx", match(companyPage.body()),
                "realmId", realmId, "decision", "allow"));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(302);
        String callback = Browser.location(connected);
        assertThat(callback).contains("realmId=" + realmId).contains("code=");
        return browser.get(callback);
    }

    /** A new QuickBooks Online connection of the company, as the API creates it. */
    static String createConnection(Api api, String companyId) {
        Api.Response created = api.post("/companies/" + companyId + "/connections", "{\"platformKey\":\"qhyg\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("id").asString();
    }

    private static String match(String page) {
        Matcher m = TX.matcher(page);
        assertThat(m.find()).as("an Intuit page with a tx field: " + page).isTrue();
        return m.group(1);
    }
}
