package dev.bridgekeeper.support;

import dev.bridgekeeper.platform.security.ApiKeyDirectory;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What a module slice ({@code @ApplicationModuleTest} with the shared kernel) needs from outside it. The kernel's
 * security filter asks the settings module for API keys; slices call their module's beans directly, never over
 * HTTP, so a directory that knows no key stands in for it instead of booting settings (and, behind it, company).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ModuleSlice {

    @Bean
    ApiKeyDirectory noApiKeys() {
        return digest -> Optional.empty();
    }
}
