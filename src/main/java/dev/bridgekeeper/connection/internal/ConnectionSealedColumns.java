package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.platform.crypto.SealedColumn;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection module's sealed columns, for key rotation (re-sealed by the shared job). */
@Configuration(proxyBeanMethods = false)
class ConnectionSealedColumns {

    /** Authorization properties sent to {@code PUT …/authorization}, sealed as {@link ConnectionService} does. */
    @Bean
    SealedColumn connectionAuthorizationColumn() {
        return SealedColumn.resealed("connection", "authorization_sealed", List.of("id"),
                "'connection-authorization:' || id");
    }
}
