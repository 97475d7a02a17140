package dev.bridgekeeper.connector.xero.emulator;

import dev.bridgekeeper.connector.emulator.HttpExchanges;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the emulator's own tests send: a client app's calls over real HTTP (java.net.http). */
final class EmulatorHttp {

    static final String CLIENT_ID = "BK3E8A0C1D2F4B6A9E7C5D3B1A0F2E4D";
    static final String CLIENT_SECRET = "s3cr3t-for-the-emulator-only";
    static final String REDIRECT = "http://127.0.0.1:9/xero/callback";
    static final String SCOPES = "openid profile email offline_access accounting.transactions.read "
            + "accounting.contacts.read accounting.settings.read accounting.reports.read accounting.journals.read "
            + "accounting.attachments.read";
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    final XeroEmulator xero;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final XeroSignIn browser = new XeroSignIn(http);

    EmulatorHttp(XeroEmulator xero) {
        this.xero = xero;
    }

    static XeroApp app() {
        return XeroApp.web(CLIENT_ID, CLIENT_SECRET, REDIRECT);
    }

    String authorizeUrl(String clientId, String scope, String state, String challenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", REDIRECT);
        q.put("scope", scope);
        q.put("state", state);
        if (challenge != null) {
            q.put("code_challenge", challenge);
            q.put("code_challenge_method", "S256");
        }
        return xero.authorizeUrl() + "?" + HttpExchanges.encode(q);
    }

    /** The whole link: sign in, consent to {@code tenants}, exchange the code; answers the token response. */
    JsonNode link(String user, Collection<UUID> tenants, String scope) {
        URI back = browser.allow(authorizeUrl(CLIENT_ID, scope, "st-" + UUID.randomUUID(), null), user,
                XeroEmulatorConfig.PASSWORD, tenants);
        String code = XeroSignIn.callbackParameters(back).get("code");
        HttpResponse<String> tokens = token(basic(CLIENT_ID, CLIENT_SECRET), Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT));
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException("code exchange failed: " + tokens.body());
        }
        return JSON.readTree(tokens.body());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> token(String authorization, Map<String, String> form) {
        return post(xero.tokenUrl(), authorization, form);
    }

    HttpResponse<String> refresh(String refreshToken) {
        return token(basic(CLIENT_ID, CLIENT_SECRET), Map.of("grant_type", "refresh_token", "refresh_token",
                refreshToken));
    }

    HttpResponse<String> post(String url, String authorization, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HttpExchanges.encode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** GET on the Accounting API ({@code path} after /api.xro/2.0, with its query string). */
    HttpResponse<String> api(String accessToken, UUID tenant, String path, String... headers) {
        return send(apiRequest(accessToken, tenant, path, headers));
    }

    CompletableFuture<HttpResponse<String>> apiAsync(String accessToken, UUID tenant, String path) {
        return http.sendAsync(apiRequest(accessToken, tenant, path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest apiRequest(String accessToken, UUID tenant, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(xero.apiBaseUrl() + path))
                .header("Accept", "application/json").GET();
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (tenant != null) {
            request.header("xero-tenant-id", tenant.toString());
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    HttpResponse<String> connections(String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(xero.connectionsUrl()))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    HttpResponse<String> deleteConnection(String accessToken, String id) {
        return send(HttpRequest.newBuilder(URI.create(xero.connectionsUrl() + "/" + id))
                .header("Authorization", "Bearer " + accessToken).DELETE().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
