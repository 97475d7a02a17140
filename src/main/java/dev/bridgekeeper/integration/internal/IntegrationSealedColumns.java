package dev.bridgekeeper.integration.internal;

import dev.bridgekeeper.platform.crypto.SealedColumn;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The integration module's sealed columns, for key rotation (re-sealed by the shared job). */
@Configuration(proxyBeanMethods = false)
class IntegrationSealedColumns {

    /** A client's own app secret per platform ({@link CredentialStore}). */
    @Bean
    SealedColumn integrationCredentialsColumn() {
        return SealedColumn.resealed("integration_credentials", "client_secret_sealed",
                List.of("client_id", "platform_key"),
                "'integration-credentials:' || client_id || ':' || platform_key");
    }
}
