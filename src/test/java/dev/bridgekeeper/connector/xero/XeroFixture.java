package dev.bridgekeeper.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.connector.xero.emulator.RateLimitPolicy;
import dev.bridgekeeper.connector.xero.emulator.XeroApp;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulator;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig;
import dev.bridgekeeper.connector.xero.emulator.XeroSignIn;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.Browser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One Xero emulator for the JVM's Xero tests, and Bridgekeeper configured as a lender's deployment would be: its
 * Xero app's credentials and every Xero URL under {@code bridgekeeper.integrations.gbol.*}. Xero's minute windows
 * are compressed to {@link #MINUTE} on both sides (the emulator's limits and the connector's policy), the counts
 * staying Xero's: 60 calls a "minute" per organisation, 5 in flight.
 */
final class XeroFixture {

    static final String CLIENT_ID = "bridgekeeper-test-app";
    static final String CLIENT_SECRET = "xero-app-secret-for-tests";
    static final Duration MINUTE = Duration.ofSeconds(3);
    static final XeroEmulator XERO = XeroEmulator.start(XeroEmulatorConfig.defaults()
            .withRateLimits(RateLimitPolicy.xeroDefaults().withMinuteWindow(MINUTE)));

    private static final Pattern CHOICE = Pattern.compile("name=\"choice\" value=\"([^\"]+)\"");
    private static final Pattern OPTION = Pattern.compile("name=\"organisation\" required value=\"([^\"]+)\"");

    private XeroFixture() {}

    /** The deployment's configuration of Xero, pointed at the emulator. */
    static void configure(DynamicPropertyRegistry registry) {
        registry.add("bridgekeeper.integrations.gbol.client-id", () -> CLIENT_ID);
        registry.add("bridgekeeper.integrations.gbol.client-secret", () -> CLIENT_SECRET);
        registry.add("bridgekeeper.integrations.gbol.urls.authorize", XERO::authorizeUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.token", XERO::tokenUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.revoke", XERO::revocationUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.connections", XERO::connectionsUrl);
        registry.add("bridgekeeper.integrations.gbol.urls.api-base", XERO::apiBaseUrl);
        registry.add("bridgekeeper.integrations.gbol.rate-limits.tenant-minute.window", MINUTE::toString);
        registry.add("bridgekeeper.integrations.gbol.rate-limits.app-minute.window", MINUTE::toString);
        // small pages, so a read takes many calls: paging, resuming and the limits all get exercised
        registry.add("bridgekeeper.sync.page-size", () -> "5");
    }

    /** The lender's Xero app, registered with Bridgekeeper's one redirect URI. */
    static void registerApp(String publicUrl) {
        XERO.registerApp(XeroApp.web(CLIENT_ID, CLIENT_SECRET, publicUrl + "/oauth/callback"));
    }

    /** What the customer's browser ends on after Xero: our answer to the callback (a redirect or a page). */
    record Landing(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        boolean isChoice() {
            return response.statusCode() == 200 && CHOICE.matcher(response.body()).find();
        }

        String choiceToken() {
            Matcher m = CHOICE.matcher(response.body());
            assertThat(m.find()).as("a choice page: " + response.body()).isTrue();
            return m.group(1);
        }

        List<String> offered() {
            List<String> ids = new ArrayList<>();
            Matcher m = OPTION.matcher(response.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        }
    }

    /**
     * The customer follows the linkUrl, signs in to Xero as {@code email}, ticks {@code tenants} and allows access;
     * Xero sends the browser back to Bridgekeeper's callback.
     */
    static Landing authorise(String linkUrl, String email, Collection<UUID> tenants) {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(linkUrl);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorize = Browser.location(start);
        assertThat(authorize).startsWith(XERO.authorizeUrl());
        URI back = new XeroSignIn().allow(authorize, email, XeroEmulatorConfig.PASSWORD, tenants);
        return new Landing(browser.get(back.toString()));
    }

    /** The customer picks {@code tenant} on Bridgekeeper's organisation page. */
    static HttpResponse<String> choose(String publicUrl, Landing choice, UUID tenant) {
        return new Browser().postForm(publicUrl + "/oauth/organisation", Map.of("choice", choice.choiceToken(),
                "organisation", tenant.toString()));
    }

    /** A new Xero connection of the company, as the API creates it. */
    static String createConnection(Api api, String companyId) {
        Api.Response created = api.post("/companies/" + companyId + "/connections", "{\"platformKey\":\"gbol\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("id").asString();
    }
}
