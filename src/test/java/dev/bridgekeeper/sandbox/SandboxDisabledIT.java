package dev.bridgekeeper.sandbox;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.JWKSource;
import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

/** An operator who switches the sandbox off gets none of it: no chains, no endpoints, no keys. */
class SandboxDisabledIT {

    @Test
    void withTheSandboxOffItsPathsAreUnknownPaths() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BridgekeeperApplication.class)
                .profiles("test")
                .run("--server.port=0", "--bridgekeeper.sandbox.enabled=false")) {
            assertThat(app.getBeanNamesForType(SecurityFilterChain.class)).containsExactly("apiSecurity");
            assertThat(app.getBeanNamesForType(AuthorizationServerSettings.class)).isEmpty();
            assertThat(app.getBeanNamesForType(RegisteredClientRepository.class)).isEmpty();
            assertThat(app.getBeanNamesForType(OAuth2AuthorizationService.class)).isEmpty();
            assertThat(app.getBeanNamesForType(JWKSource.class)).isEmpty();

            Api api = Api.at(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
            assertError(api.get("/sandbox/login"), 401);
            assertError(api.post("/sandbox/accounting/oauth2/token", "{}"), 401);
            assertError(api.withBearer("some-token").get("/sandbox/accounting/api/company"), 401);
            assertError(api.get("/.well-known/oauth-authorization-server/sandbox/accounting"), 401);

            Api withKey = api.withApiKey(Api.BOOTSTRAP_KEY);
            assertError(withKey.get("/sandbox/login"), 404);
            assertError(withKey.get("/sandbox/banking/api/company"), 404);
            assertThat(withKey.get("/integrations?pageSize=100").body()).doesNotContain("\"sbac\"")
                    .doesNotContain("Sandbox Accounting");
        }
    }
}
