package dev.bridgekeeper.webhook.internal;

import dev.bridgekeeper.platform.crypto.SealedColumn;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook module's sealed columns, for key rotation (re-sealed by the shared job). */
@Configuration(proxyBeanMethods = false)
class WebhookSealedColumns {

    /** The signing secret; its context is {@link ConsumerManagement#secretContext}. */
    @Bean
    SealedColumn webhookSecretColumn() {
        return SealedColumn.resealed("webhook_consumer", "secret_sealed", List.of("id"), "'webhook-secret:' || id");
    }

    /** The secret before the last rotation, signing alongside the new one during the overlap. */
    @Bean
    SealedColumn webhookPreviousSecretColumn() {
        return SealedColumn.resealed("webhook_consumer", "previous_secret_sealed", List.of("id"),
                "'webhook-secret:' || id");
    }
}
