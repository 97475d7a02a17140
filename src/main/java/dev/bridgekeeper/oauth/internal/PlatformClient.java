package dev.bridgekeeper.oauth.internal;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.bridgekeeper.connector.Connectors;
import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.RetryLater;
import dev.bridgekeeper.connector.TokenPolicy;
import dev.bridgekeeper.integration.AppCredentials;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Speaks OAuth 2.0 to a platform with the app credentials in force and the URLs configured for it: the
 * authorization URL with PKCE (S256), the code exchange and refresh with the catalog's client authentication
 * method, RFC 7009 revocation (form-encoded, or a JSON body where the catalog says so). Requests are built with Nimbus and sent through the connector framework's HTTP, so
 * the token endpoint has the same whole-response deadline and body cap as every platform call.
 */
@Component
class PlatformClient {

    private final Connectors connectors;
    private final IntegrationCatalog catalog;
    private final Clock clock;

    PlatformClient(Connectors connectors, IntegrationCatalog catalog, Clock clock) {
        this.connectors = connectors;
        this.catalog = catalog;
        this.clock = clock;
    }

    URI authorizationUri(Integration integration, AppCredentials app, URI callback, String state,
            String codeVerifier, Map<String, String> extra) {
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
                new ResponseType(ResponseType.Value.CODE), new ClientID(app.clientId()))
                .endpointURI(URI.create(url(integration, Integration.AUTHORIZE)))
                .redirectionURI(callback)
                .state(new State(state))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256);
        if (!app.scopes().isEmpty()) {
            request.scope(new Scope(app.scopes().toArray(String[]::new)));
        }
        extra.forEach((name, value) -> request.customParameter(name, value));
        return request.build().toURI();
    }

    PlatformTokens exchangeCode(Integration integration, AppCredentials app, String code, URI callback,
            String codeVerifier, TokenPolicy policy) {
        return tokenRequest(integration, app, new AuthorizationCodeGrant(new AuthorizationCode(code), callback,
                new CodeVerifier(codeVerifier)), null, policy);
    }

    PlatformTokens refresh(Integration integration, AppCredentials app, String refreshToken, TokenPolicy policy) {
        return tokenRequest(integration, app, new RefreshTokenGrant(new RefreshToken(refreshToken)), refreshToken,
                policy);
    }

    /** RFC 7009: asks the platform to forget a token. Returns false when the platform has no revocation URL. */
    boolean revoke(Integration integration, AppCredentials app, String token, boolean refreshToken) {
        String url = catalog.settings(integration.key()).url(Integration.REVOKE).orElse(null);
        if (url == null) {
            return false;
        }
        com.nimbusds.oauth2.sdk.token.Token revoked = refreshToken ? new RefreshToken(token)
                : new BearerAccessToken(token);
        ClientAuthentication authentication = clientAuthentication(integration, app);
        TokenRevocationRequest request = authentication == null
                ? new TokenRevocationRequest(URI.create(url), new ClientID(app.clientId()), revoked)
                : new TokenRevocationRequest(URI.create(url), authentication, revoked);
        HTTPRequest http = request.toHTTPRequest();
        if (Integration.Auth.JSON.equals(integration.auth().revocationFormat())) {
            // Intuit wants {"token": ...}; the client authentication header stays as Nimbus set it
            http.setEntityContentType(com.nimbusds.common.contenttype.ContentType.APPLICATION_JSON);
            http.setBody(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("token", token)));
        }
        HTTPResponse response = send(integration, http);
        if (!response.indicatesSuccess()) {
            throw new PlatformAuthException("revocation_failed", "HTTP " + response.getStatusCode());
        }
        return true;
    }

    private PlatformTokens tokenRequest(Integration integration, AppCredentials app, AuthorizationGrant grant,
            String currentRefresh, TokenPolicy policy) {
        URI tokenUri = URI.create(url(integration, Integration.TOKEN));
        ClientAuthentication authentication = clientAuthentication(integration, app);
        TokenRequest request = authentication == null
                ? new TokenRequest(tokenUri, new ClientID(app.clientId()), grant)
                : new TokenRequest(tokenUri, authentication, grant);
        HTTPRequest http = request.toHTTPRequest();
        connectors.of(integration).authorization().tokenRequestHeaders().forEach(http::setHeader);
        HTTPResponse response = send(integration, http);
        try {
            TokenResponse parsed = TokenResponse.parse(response);
            if (!parsed.indicatesSuccess()) {
                ErrorObject error = parsed.toErrorResponse().getErrorObject();
                throw new PlatformAuthException(error.getCode() == null ? "token_error" : error.getCode(),
                        error.getDescription());
            }
            AccessTokenResponse success = parsed.toSuccessResponse();
            Tokens tokens = success.getTokens();
            AccessToken access = tokens.getAccessToken();
            RefreshToken refresh = tokens.getRefreshToken();
            Instant now = clock.instant();
            Instant refreshExpires = refreshExpiry(success.getCustomParameters(), policy, now,
                    refresh != null && !refresh.getValue().equals(currentRefresh));
            // a code exchange starts an authorization (its absolute end counts from now); a refresh continues one
            Instant authorized = currentRefresh == null ? now : null;
            PlatformTokens answered = new PlatformTokens(access.getValue(),
                    refresh != null ? refresh.getValue() : currentRefresh,
                    access.getScope() == null ? null : access.getScope().toString(),
                    access.getLifetime() > 0 ? now.plusSeconds(access.getLifetime()) : null, refreshExpires,
                    authorized);
            // the authorization's end as the vendor answers it (QuickBooks, when asked: x_refresh_token_hard_expires_in)
            Instant hardEnd = after(success.getCustomParameters().get("x_refresh_token_hard_expires_in"), now);
            answered = answered.refreshEndingBy(hardEnd);
            return authorized == null ? answered : answered.refreshEndingBy(authorizationEnd(authorized, policy));
        } catch (ParseException e) {
            throw new PlatformAuthException("invalid_token_response", e.getMessage());
        }
    }

    /**
     * When the refresh token stops working: QuickBooks says so in {@code x_refresh_token_expires_in}; otherwise the
     * connector's documented lifetime from when a new refresh token was issued; null when unknown.
     */
    private static Instant refreshExpiry(Map<String, Object> custom, TokenPolicy policy, Instant now,
            boolean newRefreshToken) {
        Instant declared = after(custom.get("x_refresh_token_expires_in"), now);
        if (declared != null) {
            return declared;
        }
        return newRefreshToken && policy.refreshTokenLifetime() != null ? now.plus(policy.refreshTokenLifetime())
                : null;
    }

    /** {@code now} plus a token answer's count of seconds (a number, or digits in a string); null without one. */
    private static Instant after(Object seconds, Instant now) {
        if (seconds instanceof Number n && n.longValue() > 0) {
            return now.plusSeconds(n.longValue());
        }
        if (seconds instanceof String text && text.matches("\\d+")) {
            return now.plusSeconds(Long.parseLong(text));
        }
        return null;
    }

    /** When an authorization made at {@code authorized} ends whatever its refreshes say; null when it does not. */
    static Instant authorizationEnd(Instant authorized, TokenPolicy policy) {
        return authorized == null || policy.authorizationLifetime() == null ? null
                : authorized.plus(policy.authorizationLifetime());
    }

    private static ClientAuthentication clientAuthentication(Integration integration, AppCredentials app) {
        ClientID id = new ClientID(app.clientId());
        return switch (integration.auth().tokenAuthMethod()) {
            case "client_secret_post" -> new ClientSecretPost(id, new Secret(app.clientSecret()));
            case "none" -> null;
            default -> new ClientSecretBasic(id, new Secret(app.clientSecret()));
        };
    }

    private String url(Integration integration, String name) {
        return catalog.settings(integration.key()).requireUrl(name);
    }

    /** Sends a Nimbus request through the framework's HTTP (deadline, size cap) and hands back Nimbus' answer. */
    private HTTPResponse send(Integration integration, HTTPRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getURI());
        request.getHeaderMap().forEach((name, values) -> {
            for (Object value : (List<?>) values) {
                builder.header(String.valueOf(name), String.valueOf(value));
            }
        });
        String body = request.getBody();
        builder.method(request.getMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        PlatformResponse answer;
        try {
            answer = connectors.http(HttpBinding.unmetered(integration)).send(builder.build());
        } catch (RetryLater e) {
            if (e.reason() == RetryLater.Reason.SERVER_ERROR && e.getMessage().contains("answered")) {
                throw new PlatformAuthException("server_error", e.getMessage());
            }
            throw new PlatformAuthException("unreachable", e.getMessage());
        } catch (ReadFailure e) {
            throw new PlatformAuthException("unreachable", e.getMessage());
        }
        HTTPResponse response = new HTTPResponse(answer.status());
        answer.headers().forEach((name, values) -> response.setHeader(name, values.toArray(String[]::new)));
        response.setBody(answer.text());
        return response;
    }
}
