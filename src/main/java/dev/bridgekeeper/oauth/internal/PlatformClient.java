package dev.bridgekeeper.oauth.internal;

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
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.oauth.OAuthProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks OAuth 2.0 to a platform as its catalog entry describes it: the authorization URL with
 * PKCE (S256), the code exchange and refresh with the catalog's client authentication method,
 * RFC 7009 revocation, and the identity call. Nothing here is specific to one platform.
 */
@Component
class PlatformClient {

    private static final int MAX_IDENTITY_BYTES = 64 * 1024;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final OAuthProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    PlatformClient(OAuthProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The sandbox platforms' extension parameter: the name their consent page asks the customer to allow. */
    static final String SANDBOX_CLIENT_NAME = "client_display_name";

    /**
     * The platform's authorization URL. {@code lenderName} goes only to the sandbox platforms: a real platform
     * shows the name its app was registered under, which for a lender's own app is the lender's.
     */
    URI authorizationUri(Integration integration, URI callback, String state, String codeVerifier, String lenderName) {
        Integration.Auth auth = integration.auth();
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
                new ResponseType(ResponseType.Value.CODE), new ClientID(auth.clientId()))
                .endpointURI(URI.create(auth.authorizationUrl()))
                .redirectionURI(callback)
                .state(new State(state))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256);
        if (!auth.scopes().isEmpty()) {
            request.scope(new Scope(auth.scopes().toArray(String[]::new)));
        }
        if (integration.sandbox() && lenderName != null && !lenderName.isBlank()) {
            request.customParameter(SANDBOX_CLIENT_NAME, lenderName);
        }
        return request.build().toURI();
    }

    PlatformTokens exchangeCode(Integration integration, String code, URI callback, String codeVerifier) {
        return tokenRequest(integration, new AuthorizationCodeGrant(new AuthorizationCode(code), callback,
                new CodeVerifier(codeVerifier)), null);
    }

    PlatformTokens refresh(Integration integration, String refreshToken) {
        return tokenRequest(integration, new RefreshTokenGrant(new RefreshToken(refreshToken)), refreshToken);
    }

    /** RFC 7009: asks the platform to forget a token. Returns false when the platform has no revocation URL. */
    boolean revoke(Integration integration, String token, boolean refreshToken) {
        if (integration.auth().revocationUrl() == null) {
            return false;
        }
        URI uri = URI.create(integration.auth().revocationUrl());
        com.nimbusds.oauth2.sdk.token.Token revoked = refreshToken ? new RefreshToken(token) : new BearerAccessToken(token);
        ClientAuthentication authentication = clientAuthentication(integration);
        TokenRevocationRequest request = authentication == null
                ? new TokenRevocationRequest(uri, new ClientID(integration.auth().clientId()), revoked)
                : new TokenRevocationRequest(uri, authentication, revoked);
        HTTPResponse response = send(request.toHTTPRequest());
        if (!response.indicatesSuccess()) {
            throw new PlatformAuthException("revocation_failed", "HTTP " + response.getStatusCode());
        }
        return true;
    }

    /** Who authorised, as the platform's identity URL describes it; empty when the catalog names none. */
    Map<String, Object> identity(Integration integration, String accessToken) {
        String url = integration.auth().identityUrl();
        if (url == null) {
            return Map.of();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.httpTimeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_IDENTITY_BYTES);
                if (response.statusCode() != 200) {
                    throw new PlatformAuthException("identity_failed", "HTTP " + response.statusCode());
                }
                return new LinkedHashMap<>(json.readValue(bytes, OBJECT));
            }
        } catch (IOException | JacksonException e) {
            throw new PlatformAuthException("unreachable", "identity URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformAuthException("unreachable", "interrupted");
        }
    }

    private PlatformTokens tokenRequest(Integration integration, AuthorizationGrant grant, String currentRefresh) {
        URI tokenUri = URI.create(integration.auth().tokenUrl());
        ClientAuthentication authentication = clientAuthentication(integration);
        TokenRequest request = authentication == null
                ? new TokenRequest(tokenUri, new ClientID(integration.auth().clientId()), grant)
                : new TokenRequest(tokenUri, authentication, grant);
        HTTPResponse response = send(request.toHTTPRequest());
        try {
            TokenResponse parsed = TokenResponse.parse(response);
            if (!parsed.indicatesSuccess()) {
                ErrorObject error = parsed.toErrorResponse().getErrorObject();
                throw new PlatformAuthException(error.getCode() == null ? "token_error" : error.getCode(),
                        error.getDescription());
            }
            Tokens tokens = parsed.toSuccessResponse().getTokens();
            AccessToken access = tokens.getAccessToken();
            RefreshToken refresh = tokens.getRefreshToken();
            return new PlatformTokens(access.getValue(), refresh != null ? refresh.getValue() : currentRefresh,
                    access.getScope() == null ? null : access.getScope().toString(),
                    access.getLifetime() > 0 ? clock.instant().plusSeconds(access.getLifetime()) : null);
        } catch (ParseException e) {
            throw new PlatformAuthException("invalid_token_response", e.getMessage());
        }
    }

    private ClientAuthentication clientAuthentication(Integration integration) {
        Integration.Auth auth = integration.auth();
        ClientID id = new ClientID(auth.clientId());
        return switch (auth.tokenAuthMethod()) {
            case "client_secret_post" -> new ClientSecretPost(id, new Secret(auth.clientSecret()));
            case "none" -> null;
            default -> new ClientSecretBasic(id, new Secret(auth.clientSecret()));
        };
    }

    private HTTPResponse send(HTTPRequest request) {
        int timeout = (int) properties.httpTimeout().toMillis();
        request.setConnectTimeout(timeout);
        request.setReadTimeout(timeout);
        request.setFollowRedirects(false);
        try {
            return request.send();
        } catch (IOException e) {
            throw new PlatformAuthException("unreachable", e.getMessage());
        }
    }
}
