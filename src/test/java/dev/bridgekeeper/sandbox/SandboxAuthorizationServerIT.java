package dev.bridgekeeper.sandbox;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.ApiIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox platforms as Bridgekeeper's OAuth client meets them: a browser (cookies, no automatic
 * redirects) signs in and answers the consent page, then the client exchanges, refreshes, revokes
 * and introspects tokens and calls the data API — all over real HTTP against the running app.
 */
@ApiIntegrationTest
class SandboxAuthorizationServerIT {

    static final String CLIENT_ID = "bridgekeeper";
    static final String CLIENT_SECRET = "sandbox-client-secret";
    static final String PASSWORD = "pass_good";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    String base;

    /** The one registered redirect URI: the public URL's callback (the test server's own port). */
    String callbackUri;

    @BeforeEach
    void setUp() {
        base = "http://127.0.0.1:" + port;
        callbackUri = "http://localhost:" + port + "/oauth/callback";
    }

    // ---------------------------------------------------------------- the whole flow

    @Test
    void userGoodSignsInAllowsAccessAndTheClientReadsCompanyInfo() {
        Browser browser = new Browser();
        Pkce pkce = Pkce.create();
        String state = random();

        HttpResponse<String> authorize = browser.get(authorizeUrl("accounting", "accounting.read", state, pkce, callbackUri));
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(location(authorize)).isEqualTo(base + "/sandbox/login");

        HttpResponse<String> loginPage = browser.get(location(authorize));
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(loginPage.body())
                .contains("<label for=\"username\">Username</label>", "<input type=\"text\" id=\"username\"")
                .contains("<label for=\"password\">Password</label>", "<input type=\"password\" id=\"password\"")
                .contains("<button type=\"submit\">Sign in</button>")
                .contains("Sandbox Accounting")
                .doesNotContain("Incorrect username or password")
                .doesNotContain("<script").doesNotContain("style=");
        assertThat(loginPage.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("style-src 'self'");

        HttpResponse<String> signedIn = browser.signIn(loginPage, "user_good", PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).startsWith(base + "/sandbox/accounting/oauth2/authorize?");

        HttpResponse<String> toConsent = browser.get(location(signedIn));
        assertThat(toConsent.statusCode()).isEqualTo(302);
        assertThat(location(toConsent)).startsWith(base + "/sandbox/consent?");

        HttpResponse<String> consentPage = browser.get(location(toConsent));
        assertThat(consentPage.statusCode()).isEqualTo(200);
        assertThat(consentPage.body())
                .contains("Sandbox Accounting")
                .contains("Bridgekeeper wants <strong>read-only</strong> access to your accounting data:"
                        + " company information, chart of accounts, customers and suppliers, invoices and bills,")
                .contains("Good Books Ltd (Sandbox Accounting)")
                .contains(">Allow access</button>", ">Deny</button>")
                .doesNotContain("<script");

        HttpResponse<String> answered = browser.answerConsent(consentPage, true);
        assertThat(answered.statusCode()).isEqualTo(302);
        String callback = location(answered);
        assertThat(callback).startsWith(callbackUri + "?code=");
        Map<String, String> query = query(callback);
        assertThat(query).containsOnlyKeys("code", "state").containsEntry("state", state);

        JsonNode tokens = exchange("accounting", query.get("code"), pkce.verifier());
        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("scope").asString()).isEqualTo("accounting.read");
        assertThat(tokens.path("expires_in").asLong()).isBetween(1790L, 1800L);
        assertThat(tokens.path("access_token").asString()).isNotBlank();
        assertThat(tokens.path("refresh_token").asString()).isNotBlank();

        HttpResponse<String> company = companyInfo("accounting", tokens.path("access_token").asString());
        assertThat(company.statusCode()).isEqualTo(200);
        JsonNode info = json(company);
        String organisationId = info.path("organisationId").asString();
        assertThat(UUID.fromString(organisationId)).isNotNull();
        assertThat(info).isEqualTo(JSON.readTree("""
                {"organisationId": "%s", "organisationName": "Good Books Ltd (Sandbox Accounting)",
                 "platform": "accounting", "user": "user_good"}""".formatted(organisationId)));
    }

    @Test
    void theOrganisationIsTheSameOnEveryConnectionAndDiffersPerPlatform() {
        JsonNode first = json(companyInfo("accounting", connect("accounting", "user_good").accessToken()));
        JsonNode second = json(companyInfo("accounting", connect("accounting", "user_good").accessToken()));
        JsonNode banking = json(companyInfo("banking", connect("banking", "user_good").accessToken()));

        assertThat(second).isEqualTo(first);
        assertThat(banking.path("organisationName").asString()).isEqualTo("Good Books Ltd (Sandbox Banking)");
        assertThat(banking.path("platform").asString()).isEqualTo("banking");
        assertThat(banking.path("organisationId").asString()).isNotEqualTo(first.path("organisationId").asString());
    }

    @Test
    void sandboxMetadataNamesEachIssuerAndItsEndpoints() {
        HttpResponse<String> metadata = send(HttpRequest.newBuilder(
                URI.create(base + "/.well-known/oauth-authorization-server/sandbox/commerce")).GET().build());
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode document = json(metadata);
        assertThat(document.path("issuer").asString()).isEqualTo(base + "/sandbox/commerce");
        assertThat(document.path("authorization_endpoint").asString()).isEqualTo(base + "/sandbox/commerce/oauth2/authorize");
        assertThat(document.path("token_endpoint").asString()).isEqualTo(base + "/sandbox/commerce/oauth2/token");
        assertThat(document.path("revocation_endpoint").asString()).isEqualTo(base + "/sandbox/commerce/oauth2/revoke");
        assertThat(document.path("introspection_endpoint").asString()).isEqualTo(base + "/sandbox/commerce/oauth2/introspect");
        assertThat(document.path("code_challenge_methods_supported").valueStream().map(JsonNode::asString).toList())
                .containsExactly("S256");
    }

    // ---------------------------------------------------------------- sign-in and consent

    @Test
    void aWrongPasswordShowsTheErrorAndStaysOnTheSignInPage() {
        Browser browser = new Browser();
        Pkce pkce = Pkce.create();
        HttpResponse<String> loginPage = browser.get(location(
                browser.get(authorizeUrl("banking", "banking.read", random(), pkce, callbackUri))));

        HttpResponse<String> failed = browser.signIn(loginPage, "user_good", "pass_bad");
        assertThat(failed.statusCode()).isEqualTo(302);
        assertThat(location(failed)).isEqualTo(base + "/sandbox/login?error");

        HttpResponse<String> again = browser.get(location(failed));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body())
                .contains("<p class=\"error\" role=\"alert\">Incorrect username or password</p>")
                .contains("<button type=\"submit\">Sign in</button>")
                .contains("Sandbox Banking");

        HttpResponse<String> unknownUser = browser.signIn(again, "user_nobody", PASSWORD);
        assertThat(location(unknownUser)).isEqualTo(base + "/sandbox/login?error");

        // The authorization request survives failed attempts: the right password carries on.
        HttpResponse<String> signedIn = browser.signIn(browser.get(location(unknownUser)), "user_good", PASSWORD);
        assertThat(location(signedIn)).startsWith(base + "/sandbox/banking/oauth2/authorize?");
    }

    @Test
    void theSignInPageWithoutARequestNamesTheSandbox() {
        HttpResponse<String> page = new Browser().get(base + "/sandbox/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Sign in \u2013 Bridgekeeper Sandbox</title>");
    }

    @Test
    void denyingSendsAccessDeniedToTheClient() {
        Browser browser = new Browser();
        String state = random();
        // an earlier "Allow" for the same user and scope must not turn this "Deny" into a grant
        connect("commerce", "user_good");

        HttpResponse<String> consentPage = browser.toConsentPage(
                authorizeUrl("commerce", "commerce.read", state, Pkce.create(), callbackUri), "user_good");
        HttpResponse<String> denied = browser.answerConsent(consentPage, false);

        assertThat(denied.statusCode()).isEqualTo(302);
        String callback = location(denied);
        assertThat(callback).startsWith(callbackUri + "?");
        Map<String, String> query = query(callback);
        assertThat(query).containsEntry("error", "access_denied").containsEntry("state", state).doesNotContainKey("code");
    }

    @Test
    void eachPlatformGrantsOnlyItsOwnScope() {
        Browser browser = new Browser();
        String state = random();
        HttpResponse<String> refused = browser.get(authorizeUrl("accounting", "banking.read", state, Pkce.create(), callbackUri));

        assertThat(refused.statusCode()).isEqualTo(302);
        Map<String, String> query = query(location(refused));
        assertThat(location(refused)).startsWith(callbackUri + "?");
        assertThat(query).containsEntry("error", "invalid_scope").containsEntry("state", state).doesNotContainKey("code");
        assertThat(query.get("error_description")).contains("accounting.read");
    }

    // ---------------------------------------------------------------- PKCE and redirect URI

    @Test
    void anAuthorizationWithoutCodeChallengeOrWithPlainIsRefused() {
        String state = random();
        String withoutChallenge = base + "/sandbox/accounting/oauth2/authorize?" + form(ordered(
                "response_type", "code", "client_id", CLIENT_ID, "redirect_uri", callbackUri,
                "scope", "accounting.read", "state", state));
        HttpResponse<String> refused = new Browser().get(withoutChallenge);
        assertThat(refused.statusCode()).isEqualTo(302);
        Map<String, String> query = query(location(refused));
        assertThat(location(refused)).startsWith(callbackUri + "?");
        assertThat(query).containsEntry("error", "invalid_request").containsEntry("state", state)
                .doesNotContainKey("code");
        assertThat(query.get("error_description")).contains("code_challenge");

        String plain = withoutChallenge + "&code_challenge=" + random() + "&code_challenge_method=plain";
        Map<String, String> plainQuery = query(location(new Browser().get(plain)));
        assertThat(plainQuery).containsEntry("error", "invalid_request").doesNotContainKey("code");
        assertThat(plainQuery.get("error_description")).contains("code_challenge_method");
    }

    @Test
    void aTokenRequestWithoutOrWithTheWrongCodeVerifierIsInvalidGrant() {
        Pkce pkce = Pkce.create();
        String code = new Browser().authorizationCode("accounting", "user_good", pkce);

        HttpResponse<String> missing = token("accounting", ordered("grant_type", "authorization_code", "code", code,
                "redirect_uri", callbackUri));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asString()).isEqualTo("invalid_grant");

        HttpResponse<String> wrong = token("accounting", ordered("grant_type", "authorization_code", "code", code,
                "redirect_uri", callbackUri, "code_verifier", Pkce.create().verifier()));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong).path("error").asString()).isEqualTo("invalid_grant");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://localhost:PORT/oauth/callback/",
        "http://localhost:PORT/oauth/callback?next=/admin",
        "http://localhost:PORT/oauth/callback#fragment",
        "http://localhost:OTHER_PORT/oauth/callback",
        "https://localhost:PORT/oauth/callback",
        "http://LOCALHOST:PORT/oauth/callback",
        "http://localhost:PORT/oauth/Callback",
        "http://127.0.0.1:PORT/oauth/callback",
        "https://attacker.example/oauth/callback"
    })
    void aRedirectUriThatDiffersInAnyWayIsRefusedWithoutRedirecting(String variant) {
        String redirectUri = variant.replace("OTHER_PORT", String.valueOf(port + 1)).replace("PORT",
                String.valueOf(port));
        HttpResponse<String> refused = new Browser().get(
                authorizeUrl("accounting", "accounting.read", random(), Pkce.create(), redirectUri));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.body()).contains("This sign-in request cannot be completed").contains("redirect_uri");
    }

    // ---------------------------------------------------------------- refresh, expiry, revocation

    @Test
    void aRefreshRotatesTheRefreshTokenAndTheOldOneIsThenRefused() {
        Tokens first = connect("banking", "user_good");

        HttpResponse<String> refreshed = refresh("banking", first.refreshToken());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        Tokens second = Tokens.of(json(refreshed));
        assertThat(second.refreshToken()).isNotBlank().isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(companyInfo("banking", second.accessToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> reused = refresh("banking", first.refreshToken());
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).path("error").asString()).isEqualTo("invalid_grant");

        assertThat(refresh("banking", second.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void userExpiringGetsSixtySecondAccessTokensAndRefreshingWorks() {
        Tokens tokens = connect("accounting", "user_expiring");
        assertThat(tokens.expiresIn()).isPositive().isLessThanOrEqualTo(60);
        JsonNode introspection = introspect("accounting", tokens.accessToken());
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("exp").asLong() - introspection.path("iat").asLong()).isEqualTo(60);

        HttpResponse<String> refreshed = refresh("accounting", tokens.refreshToken());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        Tokens next = Tokens.of(json(refreshed));
        assertThat(next.expiresIn()).isPositive().isLessThanOrEqualTo(60);
        JsonNode info = json(companyInfo("accounting", next.accessToken()));
        assertThat(info.path("user").asString()).isEqualTo("user_expiring");
        assertThat(info.path("organisationName").asString()).isEqualTo("Short Fuse Trading Ltd (Sandbox Accounting)");

        // user_good on the same client keeps the client's 30 minutes
        assertThat(connect("accounting", "user_good").expiresIn()).isGreaterThan(60);
    }

    @Test
    void userRevokedCanRefreshOnceAndTheNextRefreshIsInvalidGrant() {
        Tokens tokens = connect("commerce", "user_revoked");

        HttpResponse<String> first = refresh("commerce", tokens.refreshToken());
        assertThat(first.statusCode()).isEqualTo(200);
        Tokens rotated = Tokens.of(json(first));
        assertThat(rotated.refreshToken()).isNotBlank().isNotEqualTo(tokens.refreshToken());
        assertThat(companyInfo("commerce", rotated.accessToken()).statusCode()).isEqualTo(200);
        assertThat(introspect("commerce", rotated.refreshToken()).path("active").asBoolean()).isFalse();

        HttpResponse<String> second = refresh("commerce", rotated.refreshToken());
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(json(second).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void revokingTheAccessTokenEndsItsUseButNotTheGrant() {
        Tokens tokens = connect("accounting", "user_good");
        assertThat(introspect("accounting", tokens.accessToken()).path("active").asBoolean()).isTrue();

        HttpResponse<String> revoked = revoke("accounting", tokens.accessToken(), "access_token");
        assertThat(revoked.statusCode()).isEqualTo(200);

        assertThat(introspect("accounting", tokens.accessToken())).isEqualTo(JSON.readTree("{\"active\":false}"));
        assertError(apiResponse(companyInfo("accounting", tokens.accessToken())), 401);
        assertThat(introspect("accounting", tokens.refreshToken()).path("active").asBoolean()).isTrue();
        assertThat(refresh("accounting", tokens.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void revokingTheRefreshTokenEndsTheWholeGrant() {
        Tokens tokens = connect("banking", "user_good");

        HttpResponse<String> revoked = revoke("banking", tokens.refreshToken(), null);
        assertThat(revoked.statusCode()).isEqualTo(200);

        assertThat(introspect("banking", tokens.refreshToken()).path("active").asBoolean()).isFalse();
        assertThat(introspect("banking", tokens.accessToken()).path("active").asBoolean()).isFalse();
        assertError(apiResponse(companyInfo("banking", tokens.accessToken())), 401);
        HttpResponse<String> refresh = refresh("banking", tokens.refreshToken());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(json(refresh).path("error").asString()).isEqualTo("invalid_grant");

        // RFC 7009 §2.2: an unknown or already revoked token is not an error
        assertThat(revoke("banking", "no-such-token", null).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void aTokenOfAnotherPlatformIsRefused() {
        Tokens banking = connect("banking", "user_good");

        HttpResponse<String> crossed = companyInfo("accounting", banking.accessToken());
        JsonNode error = assertError(apiResponse(crossed), 401);
        assertThat(error.path("error").asString()).contains("Sandbox Accounting");
        assertThat(crossed.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer error=\"invalid_token\"");

        HttpResponse<String> crossedRefresh = refresh("accounting", banking.refreshToken());
        assertThat(crossedRefresh.statusCode()).isEqualTo(400);
        assertThat(json(crossedRefresh).path("error").asString()).isEqualTo("invalid_grant");

        assertThat(companyInfo("banking", banking.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void theDataApiRefusesCallsWithoutAValidToken() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(base + "/sandbox/commerce/api/company"))
                .GET().build());
        assertError(apiResponse(anonymous), 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");

        assertError(apiResponse(companyInfo("commerce", "not-a-token")), 401);
    }

    @Test
    void theTokenEndpointRefusesAWrongClientSecret() {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(base + "/sandbox/accounting/oauth2/token"))
                .header("Authorization", basic(CLIENT_ID, "wrong-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(ordered("grant_type", "refresh_token",
                        "refresh_token", "anything")))).build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).path("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void theClientMayAuthenticateWithClientSecretPost() {
        Pkce pkce = Pkce.create();
        String code = new Browser().authorizationCode("commerce", "user_good", pkce);
        HttpResponse<String> exchanged = send(HttpRequest.newBuilder(URI.create(base + "/sandbox/commerce/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(ordered("grant_type", "authorization_code",
                        "code", code, "redirect_uri", callbackUri, "code_verifier", pkce.verifier(),
                        "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET)))).build());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(json(exchanged).path("access_token").asString()).isNotBlank();
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void tokenRequestsAreCountedByPlatformAndGrantType() {
        double codesBefore = tokenRequests("commerce", "authorization_code");
        double refreshesBefore = tokenRequests("commerce", "refresh_token");

        Tokens tokens = connect("commerce", "user_good");
        assertThat(refresh("commerce", tokens.refreshToken()).statusCode()).isEqualTo(200);
        assertThat(refresh("commerce", tokens.refreshToken()).statusCode()).isEqualTo(400); // refused, still counted

        assertThat(tokenRequests("commerce", "authorization_code") - codesBefore).isEqualTo(1.0);
        assertThat(tokenRequests("commerce", "refresh_token") - refreshesBefore).isEqualTo(2.0);
    }

    private double tokenRequests(String platform, String grantType) {
        Counter counter = meters.find("bridgekeeper.sandbox.token.requests")
                .tags("platform", platform, "grant_type", grantType).counter();
        return counter == null ? 0 : counter.count();
    }

    // ---------------------------------------------------------------- the client's side

    record Tokens(String accessToken, String refreshToken, long expiresIn) {
        static Tokens of(JsonNode body) {
            return new Tokens(body.path("access_token").asString(), body.path("refresh_token").asString(),
                    body.path("expires_in").asLong());
        }
    }

    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Signs in, allows access and exchanges the code: the tokens a Linked connection would hold. */
    private Tokens connect(String platform, String user) {
        Pkce pkce = Pkce.create();
        String code = new Browser().authorizationCode(platform, user, pkce);
        return Tokens.of(exchange(platform, code, pkce.verifier()));
    }

    private JsonNode exchange(String platform, String code, String verifier) {
        HttpResponse<String> response = token(platform, ordered("grant_type", "authorization_code", "code", code,
                "redirect_uri", callbackUri, "code_verifier", verifier));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> refresh(String platform, String refreshToken) {
        return token(platform, ordered("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private HttpResponse<String> token(String platform, Map<String, String> parameters) {
        return clientPost("/sandbox/" + platform + "/oauth2/token", parameters);
    }

    private JsonNode introspect(String platform, String token) {
        HttpResponse<String> response = clientPost("/sandbox/" + platform + "/oauth2/introspect", ordered("token", token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> revoke(String platform, String token, String hint) {
        Map<String, String> parameters = ordered("token", token);
        if (hint != null) {
            parameters.put("token_type_hint", hint);
        }
        return clientPost("/sandbox/" + platform + "/oauth2/revoke", parameters);
    }

    private HttpResponse<String> clientPost(String path, Map<String, String> parameters) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(CLIENT_ID, CLIENT_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build());
    }

    private HttpResponse<String> companyInfo(String platform, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(base + "/sandbox/" + platform + "/api/company"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    private String authorizeUrl(String platform, String scope, String state, Pkce pkce, String redirectUri) {
        return base + "/sandbox/" + platform + "/oauth2/authorize?" + form(ordered(
                "response_type", "code", "client_id", CLIENT_ID, "redirect_uri", redirectUri, "scope", scope,
                "state", state, "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
    }

    // ---------------------------------------------------------------- the user's browser

    /** One user's browser: its own cookies, and every redirect inspected rather than followed. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) {
            return send(http, HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build());
        }

        HttpResponse<String> post(String url, Map<String, String> parameters) {
            return send(http, HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build());
        }

        HttpResponse<String> signIn(HttpResponse<String> loginPage, String username, String password) {
            Map<String, String> fields = hiddenFields(loginPage.body());
            fields.put("username", username);
            fields.put("password", password);
            return post(resolve(formAction(loginPage.body())), fields);
        }

        /** Presses "Allow access" (which submits the scope) or "Deny" (which submits none). */
        HttpResponse<String> answerConsent(HttpResponse<String> consentPage, boolean allow) {
            Map<String, String> fields = hiddenFields(consentPage.body());
            if (allow) {
                Matcher button = Pattern.compile("<button type=\"submit\" name=\"([^\"]+)\" value=\"([^\"]+)\">Allow access</button>")
                        .matcher(consentPage.body());
                assertThat(button.find()).as("Allow access button").isTrue();
                fields.put(HtmlUtils.htmlUnescape(button.group(1)), HtmlUtils.htmlUnescape(button.group(2)));
            }
            return post(resolve(formAction(consentPage.body())), fields);
        }

        HttpResponse<String> toConsentPage(String authorizeUrl, String user) {
            HttpResponse<String> loginPage = get(location(get(authorizeUrl)));
            HttpResponse<String> signedIn = signIn(loginPage, user, PASSWORD);
            assertThat(signedIn.statusCode()).isEqualTo(302);
            HttpResponse<String> toConsent = get(location(signedIn));
            assertThat(location(toConsent)).contains("/sandbox/consent?");
            HttpResponse<String> consentPage = get(location(toConsent));
            assertThat(consentPage.statusCode()).isEqualTo(200);
            return consentPage;
        }

        String authorizationCode(String platform, String user, Pkce pkce) {
            String state = random();
            HttpResponse<String> consentPage = toConsentPage(
                    authorizeUrl(platform, platform + ".read", state, pkce, callbackUri), user);
            HttpResponse<String> answered = answerConsent(consentPage, true);
            assertThat(location(answered)).startsWith(callbackUri + "?code=");
            Map<String, String> query = query(location(answered));
            assertThat(query).containsEntry("state", state);
            return query.get("code");
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
        while (hidden.find()) {
            fields.put(HtmlUtils.htmlUnescape(hidden.group(1)), HtmlUtils.htmlUnescape(hidden.group(2)));
        }
        assertThat(fields).as("the form carries a CSRF token").containsKey("_csrf");
        return fields;
    }

    private static String formAction(String html) {
        Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">").matcher(html);
        assertThat(action.find()).as("a form").isTrue();
        return HtmlUtils.htmlUnescape(action.group(1));
    }

    private String resolve(String path) {
        return URI.create(base).resolve(path).toString();
    }

    private String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isBetween(300, 399);
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(base).resolve(location).toString();
    }

    private static Map<String, String> query(String url) {
        String raw = URI.create(url).getRawQuery();
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return send(CLIENT, request);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Wraps a raw answer for the shared ErrorMessage assertions. */
    private static dev.bridgekeeper.support.Api.Response apiResponse(HttpResponse<String> response) {
        return new dev.bridgekeeper.support.Api.Response(response);
    }
}
