package dev.bridgekeeper.platform.signing;

import dev.bridgekeeper.platform.crypto.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The receipt signing keys' private parts: re-sealed at start-up by {@link EcInstanceSigner}, checked here. */
@Configuration(proxyBeanMethods = false)
class SigningSealedColumns {

    @Bean
    SealedColumn instanceSigningKeyColumn() {
        return SealedColumn.checkedOnly("instance_signing_key", "private_key_sealed");
    }
}
