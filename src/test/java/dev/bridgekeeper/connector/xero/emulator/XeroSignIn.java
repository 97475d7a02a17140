package dev.bridgekeeper.connector.xero.emulator;

import dev.bridgekeeper.connector.emulator.HttpExchanges;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the person at the emulated Xero login over real HTTP, as a browser without JavaScript would: opens the
 * authorize URL the app built, fills in the sign-in form, ticks organisations on the consent page and presses
 * Allow or Cancel, and hands back where Xero redirected (the app's callback with {@code code} or {@code error}).
 */
public final class XeroSignIn {

    private static final Pattern REQUEST = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");
    private static final Pattern ALERT = Pattern.compile("role=\"alert\">([^<]*)<");
    private static final Pattern ERROR = Pattern.compile("id=\"error_description\">([^<]*)<");

    private final HttpClient http;

    public XeroSignIn() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public XeroSignIn(HttpClient http) {
        this.http = http;
    }

    /** Signs in, ticks {@code organisations} and allows access; returns the redirect back to the app. */
    public URI allow(String authorizeUrl, String email, String password, Collection<UUID> organisations) {
        return finish(authorizeUrl, email, password, organisations, "allow");
    }

    /** Signs in and presses Cancel; returns the redirect back to the app (with error=access_denied). */
    public URI deny(String authorizeUrl, String email, String password) {
        return finish(authorizeUrl, email, password, List.of(), "deny");
    }

    /** Opens the authorize URL and returns the page as it came (status and HTML), e.g. to read an error page. */
    public HttpResponse<String> open(String authorizeUrl) {
        return send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build());
    }

    private URI finish(String authorizeUrl, String email, String password, Collection<UUID> organisations,
            String decision) {
        HttpResponse<String> signIn = open(authorizeUrl);
        String request = field(signIn, "sign-in page");
        URI base = URI.create(authorizeUrl);
        HttpResponse<String> consent = post(base.resolve(IdentityServer.LOGIN), List.of(
                Map.entry("request", request), Map.entry("username", email), Map.entry("password", password)));
        Matcher alert = ALERT.matcher(consent.body());
        if (alert.find()) {
            throw new IllegalStateException("sign-in refused: " + alert.group(1));
        }
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("request", field(consent, "consent page")));
        organisations.forEach(tenant -> form.add(Map.entry("tenant", tenant.toString())));
        form.add(Map.entry("decision", decision));
        HttpResponse<String> done = post(base.resolve(IdentityServer.CONSENT), form);
        if (done.statusCode() != 302) {
            Matcher why = ALERT.matcher(done.body());
            throw new IllegalStateException("consent not completed (" + done.statusCode() + "): "
                    + (why.find() ? why.group(1) : done.body()));
        }
        return URI.create(done.headers().firstValue("Location").orElseThrow());
    }

    /** The parameters of a redirect back to the app (code, state, scope, error…). */
    public static Map<String, String> callbackParameters(URI redirect) {
        Map<String, String> out = new LinkedHashMap<>();
        HttpExchanges.query(redirect).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    private String field(HttpResponse<String> page, String what) {
        Matcher m = REQUEST.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            Matcher error = ERROR.matcher(page.body());
            throw new IllegalStateException("no " + what + " (" + page.statusCode() + "): "
                    + (error.find() ? error.group(1) : page.body()));
        }
        return m.group(1);
    }

    private HttpResponse<String> post(URI uri, List<Map.Entry<String, String>> form) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : form) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(HttpExchanges.encode(Map.of(e.getKey(), e.getValue())));
        }
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
