package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.web.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * One Spring Authorization Server with three issuers ({@code /sandbox/accounting}, {@code /banking},
 * {@code /commerce}), one registered client (Bridgekeeper itself) and its state in PostgreSQL, so
 * any instance can finish a flow another one started. The security chains are in
 * {@link SandboxSecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@SandboxEnabled
class SandboxAuthorizationServerConfiguration {

    static final String CLIENT_ID = "bridgekeeper";
    static final String CALLBACK_PATH = "/oauth/callback";
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

    @Bean
    SandboxAccounts sandboxAccounts() {
        return new SandboxAccounts();
    }

    @Bean
    AuthorizationServerSettings sandboxAuthorizationServerSettings() {
        // The issuer is taken from the request path, so /sandbox/accounting/oauth2/token is issuer
        // {host}/sandbox/accounting; the endpoint paths below are relative to each issuer.
        return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
    }

    /**
     * Bridgekeeper as the sandbox's only client. Its internal id is fixed: stored authorizations
     * refer to it, and must still resolve after a restart.
     */
    @Bean
    RegisteredClientRepository sandboxClients(PublicUrl publicUrl, SandboxAccounts accounts,
            @Value("${bridgekeeper.sandbox.client-secret:}") String clientSecret) {
        if (clientSecret.isBlank()) {
            throw new IllegalStateException("The sandbox platforms need a client secret: set"
                    + " BRIDGEKEEPER_SANDBOX_CLIENT_SECRET, or BRIDGEKEEPER_SANDBOX_ENABLED=false to switch them off.");
        }
        RegisteredClient bridgekeeper = RegisteredClient.withId("sandbox-client-bridgekeeper")
                .clientId(CLIENT_ID)
                .clientName("Bridgekeeper")
                .clientSecret(accounts.hash(clientSecret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(publicUrl.resolve(CALLBACK_PATH))
                .scopes(scopes -> Arrays.stream(SandboxPlatform.values()).map(SandboxPlatform::scope).forEach(scopes::add))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(true)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                        .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                        .refreshTokenTimeToLive(REFRESH_TOKEN_LIFETIME)
                        .reuseRefreshTokens(false)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(bridgekeeper);
    }

    @Bean
    SandboxDatabase sandboxDatabase(org.springframework.boot.jdbc.autoconfigure.DataSourceProperties properties) {
        return new SandboxDatabase(properties);
    }

    @Bean
    OAuth2AuthorizationService sandboxAuthorizations(SandboxDatabase database, RegisteredClientRepository clients) {
        return new RotatedRefreshTokenRevocation(new JdbcOAuth2AuthorizationService(database.jdbc(), clients));
    }

    @Bean
    OAuth2AuthorizationConsentService sandboxConsents(SandboxDatabase database, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(database.jdbc(), clients);
    }

    /** Opaque access tokens (looked up, never parsed, so revocation takes effect at once) and refresh tokens. */
    @Bean
    OAuth2TokenGenerator<OAuth2Token> sandboxTokenGenerator(Clock clock) {
        OAuth2AccessTokenGenerator accessTokens = new OAuth2AccessTokenGenerator();
        accessTokens.setClock(clock);
        accessTokens.setAccessTokenCustomizer(new UserTokenLifetimes());
        OAuth2RefreshTokenGenerator refreshTokens = new OAuth2RefreshTokenGenerator();
        refreshTokens.setClock(clock);
        return new PlatformBoundTokenGenerator(new DelegatingOAuth2TokenGenerator(accessTokens, refreshTokens));
    }
}
