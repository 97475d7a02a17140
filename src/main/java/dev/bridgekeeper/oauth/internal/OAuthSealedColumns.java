package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.platform.crypto.SealedColumn;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OAuth module's sealed columns, for key rotation: the short-lived ones re-sealed by the shared job, the tokens by {@link TokenResealing}. */
@Configuration(proxyBeanMethods = false)
class OAuthSealedColumns {

    /** A linking's PKCE verifier, until the state is used or purged ({@link AuthorizationStates}). */
    @Bean
    SealedColumn pkceVerifierColumn() {
        return SealedColumn.resealed("oauth_authorization_state", "code_verifier_sealed", List.of("state_digest"),
                "'pkce:' || connection_id");
    }

    /** Tokens waiting while the customer picks an organisation ({@link OrganisationChoices}). */
    @Bean
    SealedColumn organisationChoiceTokensColumn() {
        return SealedColumn.resealed("oauth_organisation_choice", "tokens_sealed", List.of("choice_digest"),
                "'organisation-choice:' || connection_id");
    }

    /** Platform tokens: re-sealed by {@link TokenResealing}, which keeps their key_id column in step. */
    @Bean
    SealedColumn accessTokenColumn() {
        return SealedColumn.checkedOnly("connection_token", "access_token_sealed");
    }

    @Bean
    SealedColumn refreshTokenColumn() {
        return SealedColumn.checkedOnly("connection_token", "refresh_token_sealed");
    }

    /** Tokens of unlinked connections still to be revoked at their platform: also {@link TokenResealing}'s. */
    @Bean
    SealedColumn cleanupAccessTokenColumn() {
        return SealedColumn.checkedOnly("platform_cleanup", "access_token_sealed");
    }

    @Bean
    SealedColumn cleanupRefreshTokenColumn() {
        return SealedColumn.checkedOnly("platform_cleanup", "refresh_token_sealed");
    }
}
