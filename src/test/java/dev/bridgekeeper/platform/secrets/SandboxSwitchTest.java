package dev.bridgekeeper.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.platform.db.EmbeddedPostgresEnvironment;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The sandbox platforms' switch as the shipped application.yaml sets it: on in development mode (the embedded
 * database), off in production unless BRIDGEKEEPER_SANDBOX_ENABLED asks for them, off whenever it says false.
 */
class SandboxSwitchTest {

    @Test
    void developmentModeHasTheSandboxes() throws IOException {
        assertThat(DevelopmentMode.sandboxesEnabled(environment(Map.of(EmbeddedPostgresEnvironment.ACTIVE_PROPERTY,
                "true")))).isTrue();
    }

    @Test
    void productionHasNoSandboxesUnlessAskedFor() throws IOException {
        assertThat(DevelopmentMode.sandboxesEnabled(environment(Map.of()))).isFalse();
        assertThat(DevelopmentMode.sandboxesEnabled(environment(Map.of("BRIDGEKEEPER_SANDBOX_ENABLED", "true"))))
                .isTrue();
    }

    @Test
    void falseSwitchesThemOffInDevelopmentModeToo() throws IOException {
        assertThat(DevelopmentMode.sandboxesEnabled(environment(Map.of(EmbeddedPostgresEnvironment.ACTIVE_PROPERTY,
                "true", "BRIDGEKEEPER_SANDBOX_ENABLED", "false")))).isFalse();
    }

    /** application.yaml under the given settings (the variables as the environment would give them). */
    private static StandardEnvironment environment(Map<String, Object> settings) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                .forEach(env.getPropertySources()::addLast);
        return env;
    }
}
