package dev.bridgekeeper.sandbox;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.util.HtmlUtils;

/**
 * A production deployment (its own database named with spring.datasource.url, not development mode, no test
 * profile) has no sandbox platforms unless it asks for them, and then refuses every request naming one; one that
 * switches them on has their sign-in page and their token endpoints rate-limited per source address.
 */
@ApiIntegrationTest
class SandboxOutsideDevelopmentIT {

    @Autowired
    Environment env;

    @Test
    void productionRefusesTheSandboxPlatformKeysEverywhere() throws Exception {
        try (ConfigurableApplicationContext production = production()) {
            Api api = Api.at(port(production)).withApiKey(Api.BOOTSTRAP_KEY);
            assertThat(api.get("/integrations?pageSize=100").body()).doesNotContain("\"sbac\"")
                    .doesNotContain("\"sbbk\"").doesNotContain("\"sbcm\"");
            String company = api.post("/companies", "{\"name\":\"Production Ltd\"}").json().path("id").asString();

            assertThat(assertBadField(api.post("/companies/" + company + "/connections", "{\"platformKey\":\"sbac\"}"),
                    "platformKey").toString()).contains("sandbox platform");
            String token = api.get("/companies/" + company + "/accessToken").json().path("accessToken").asString();
            Api customer = api.anonymous().withBearer(token);
            assertBadField(customer.post("/link/api/companies/" + company + "/connections",
                    "{\"platformKey\":\"sbbk\"}"), "platformKey");
            Api.Response withToken = customer.post("/companies/" + company + "/connections",
                    "{\"platformKey\":\"SBCM\"}");
            assertThat(withToken.status()).as(withToken.toString()).isIn(400, 403);
            assertError(withToken, withToken.status());
            assertThat(api.get("/companies/" + company + "/connections").json().path("results").size()).isZero();

            assertError(api.get("/sandbox/login"), 404);
            assertError(api.anonymous().get("/sandbox/banking/api/company"), 401);
        }
    }

    @Test
    void switchedOnTheirSignInPageAndTokenEndpointAreRateLimitedPerAddress() throws Exception {
        try (ConfigurableApplicationContext staging = production("--bridgekeeper.sandbox.enabled=true",
                "--bridgekeeper.throttle.sign-in.limit=3", "--bridgekeeper.throttle.sign-in.period=PT1H",
                "--bridgekeeper.throttle.sandbox-token.limit=3", "--bridgekeeper.throttle.sandbox-token.period=PT1H")) {
            int port = port(staging);
            assertThat(Api.at(port).withApiKey(Api.BOOTSTRAP_KEY).get("/integrations?pageSize=100").body())
                    .contains("\"sbac\"");
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            List<Integer> statuses = new ArrayList<>();
            for (int attempt = 0; attempt < 5; attempt++) {
                String page = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/sandbox/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(page);
                assertThat(csrf.find()).as(page).isTrue();
                String form = "_csrf=" + URLEncoder.encode(HtmlUtils.htmlUnescape(csrf.group(1)), StandardCharsets.UTF_8)
                        + "&username=user_good&password=" + (attempt % 2 == 0 ? "wrong" : "pass_good");
                HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + port + "/sandbox/login")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                statuses.add(posted.statusCode());
                if (posted.statusCode() == 429) {
                    assertThat(Long.parseLong(posted.headers().firstValue("Retry-After").orElseThrow())).isPositive();
                    assertThat(posted.body()).contains("\"statusCode\":429");
                }
            }
            // three checks (a wrong password, the right one, a wrong one), then refused before any check
            assertThat(statuses).containsExactly(302, 302, 302, 429, 429);

            // the token endpoint checks the client secret (bcrypt) on every post: three, then refused unchecked
            List<Integer> tokenStatuses = new ArrayList<>();
            for (int attempt = 0; attempt < 5; attempt++) {
                String secret = attempt % 2 == 0 ? "wrong-secret" : "sandbox-client-secret";
                String basic = Base64.getEncoder().encodeToString(("bridgekeeper:" + secret)
                        .getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + port + "/sandbox/banking/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=unknown"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                tokenStatuses.add(posted.statusCode());
                if (posted.statusCode() == 429) {
                    assertThat(Long.parseLong(posted.headers().firstValue("Retry-After").orElseThrow())).isPositive();
                    assertThat(posted.body()).contains("\"statusCode\":429");
                }
            }
            // a wrong secret (401), the right one with an unknown refresh token (400), a wrong one, then no check
            assertThat(tokenStatuses).containsExactly(401, 400, 401, 429, 429);
        }
    }

    /** Another Bridgekeeper on the test database, configured as in production: no test profile, no embedded one. */
    private ConfigurableApplicationContext production(String... settings) throws Exception {
        Path secrets = Path.of(env.getRequiredProperty("bridgekeeper.data-dir"), "secrets");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--bridgekeeper.role=api",
                "--bridgekeeper.data-dir=target/it-data-production-" + UUID.randomUUID(),
                "--spring.datasource.url=" + env.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + env.getRequiredProperty("spring.datasource.password"),
                "--bridgekeeper.security.token-signing-key=" + Files.readString(secrets.resolve("token-signing.key")).trim(),
                "--bridgekeeper.encryption.keys=dev:" + Files.readString(secrets.resolve("encryption.key")).trim(),
                "--logging.level.root=WARN"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(BridgekeeperApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
