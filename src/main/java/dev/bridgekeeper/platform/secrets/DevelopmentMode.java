package dev.bridgekeeper.platform.secrets;

import dev.bridgekeeper.platform.db.EmbeddedPostgresEnvironment;
import java.nio.file.Path;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * Development mode is on exactly when Bridgekeeper runs on its embedded database: the signal that
 * nobody has configured a production deployment yet, so conveniences (generated secrets) are safe.
 */
@Component
public class DevelopmentMode {

    private final boolean active;
    private final Path dataDirectory;

    public DevelopmentMode(Environment env) {
        this.active = env.getProperty(EmbeddedPostgresEnvironment.ACTIVE_PROPERTY, Boolean.class, false);
        this.dataDirectory = Path.of(env.getProperty("bridgekeeper.data-dir", "./data")).toAbsolutePath().normalize();
    }

    /**
     * Whether the sandbox platforms run: {@code bridgekeeper.sandbox.enabled} when it is set, otherwise only in
     * development mode. Their test users' password is published, so a production deployment must ask for them.
     */
    public static boolean sandboxesEnabled(PropertyResolver env) {
        String configured = env.getProperty("bridgekeeper.sandbox.enabled", "").trim();
        if (!configured.isEmpty()) {
            return Boolean.parseBoolean(configured);
        }
        return env.getProperty(EmbeddedPostgresEnvironment.ACTIVE_PROPERTY, Boolean.class, false);
    }

    public boolean active() {
        return active;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
