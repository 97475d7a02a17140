package dev.bridgekeeper.connector.emulator;

import dev.bridgekeeper.connector.quickbooks.emulator.QboSettings;
import dev.bridgekeeper.connector.quickbooks.emulator.QuickBooksEmulator;
import dev.bridgekeeper.connector.xero.emulator.RateLimitPolicy;
import dev.bridgekeeper.connector.xero.emulator.XeroApp;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulator;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both vendor emulators in a process of their own, for the contract test's browser journey
 * ({@code contract-test/test/vendor-link.test.mjs}), which runs the real server jar and so cannot reach test code
 * otherwise. Started as {@code java -cp <test classpath> dev.bridgekeeper.connector.emulator.VendorEmulators
 * <redirect URI>}: registers that one redirect URI with the Xero app and the Intuit app, prints one JSON line with
 * every URL and credential Bridgekeeper's {@code bridgekeeper.integrations.gbol.*} / {@code qhyg.*} settings need,
 * then answers each {@code report} line on stdin with one JSON line of the requests that broke a vendor's published
 * description, and stops when stdin closes (so it never outlives the test that started it).
 */
public final class VendorEmulators {

    /** Xero's minute, compressed as in the JVM tests (XeroFixture), on both sides; the counts stay Xero's. */
    public static final Duration XERO_MINUTE = Duration.ofSeconds(3);
    static final String XERO_CLIENT_ID = "bridgekeeper-browser-app";
    static final String XERO_CLIENT_SECRET = "xero-app-secret-for-the-browser-test";

    private VendorEmulators() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: VendorEmulators <Bridgekeeper's redirect URI>");
            System.exit(2);
        }
        String redirectUri = args[0];
        JsonMapper json = JsonMapper.builder().build();
        // the answers go to a stream of their own: nothing else (a library's logging) may be mixed into them
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        try (XeroEmulator xero = XeroEmulator.start(XeroEmulatorConfig.defaults()
                        .withRateLimits(RateLimitPolicy.xeroDefaults().withMinuteWindow(XERO_MINUTE)));
                QuickBooksEmulator qbo = QuickBooksEmulator.start(QboSettings.builder().build())) {
            xero.registerApp(XeroApp.web(XERO_CLIENT_ID, XERO_CLIENT_SECRET, redirectUri));
            qbo.registerRedirectUri(redirectUri);
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("gbol", Map.of("clientId", XERO_CLIENT_ID, "clientSecret", XERO_CLIENT_SECRET,
                    "authorize", xero.authorizeUrl(), "token", xero.tokenUrl(), "revoke", xero.revocationUrl(),
                    "connections", xero.connectionsUrl(), "apiBase", xero.apiBaseUrl(),
                    "minuteWindow", XERO_MINUTE.toString()));
            ready.put("qhyg", Map.of("clientId", QboSettings.CLIENT_ID, "clientSecret", QboSettings.CLIENT_SECRET,
                    "authorize", qbo.authorizationUrl(), "token", qbo.tokenUrl(), "revoke", qbo.revocationUrl(),
                    "apiBase", qbo.apiBaseUrl()));
            ready.put("xeroPassword", XeroEmulatorConfig.PASSWORD);
            out.println(json.writeValueAsString(ready));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.trim().equals("report")) {
                    List<String> xeroViolations = xero.stats().violations().stream().map(String::valueOf).toList();
                    List<String> qboViolations = qbo.violations().stream().map(String::valueOf).toList();
                    out.println(json.writeValueAsString(Map.of("gbol", xeroViolations, "qhyg", qboViolations)));
                }
            }
        }
    }
}
