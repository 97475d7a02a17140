package dev.bridgekeeper.platform.db;

import dev.bridgekeeper.platform.StartupProblem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded PostgreSQL before the application context when no {@code spring.datasource.url}
 * is configured, and points Spring's datasource at it. Its data lives under
 * {@code bridgekeeper.data-dir}/postgres and survives restarts. Running this early (rather than as a
 * bean) lets Flyway, Hikari and the health check treat it exactly like an external database.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    /** Set to true when the embedded database is in use: the signal for development mode. */
    public static final String ACTIVE_PROPERTY = "bridgekeeper.embedded-database.active";

    private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("spring.datasource.url", "").isBlank()) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("bridgekeeper.data-dir", "./data")).toAbsolutePath().normalize()
                .resolve("postgres");
        boolean clean = env.getProperty("bridgekeeper.embedded-database.clean", Boolean.class, false);
        int port = env.getProperty("bridgekeeper.embedded-database.port", Integer.class, 0);
        Map<String, String> serverConfig = Binder.get(env)
                .bind("bridgekeeper.embedded-database.server-config", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        EmbeddedPostgres postgres = RUNNING.computeIfAbsent(dataDir, dir -> start(dir, clean, port, serverConfig));

        Map<String, Object> datasource = new HashMap<>();
        datasource.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        datasource.put("spring.datasource.username", "postgres");
        datasource.put("spring.datasource.password", "");
        datasource.put(ACTIVE_PROPERTY, "true");
        env.getPropertySources().addFirst(new MapPropertySource("bridgekeeperEmbeddedPostgres", datasource));
    }

    private static EmbeddedPostgres start(Path dataDir, boolean clean, int port, Map<String, String> serverConfig) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // the library starts PostgreSQL without fsync and with synchronous_commit off, as tests want;
                    // Bridgekeeper's data must survive a crash, so durability is back on unless server-config says
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            serverConfig.forEach(builder::setServerConfig);
            return builder.start();
        } catch (IOException e) {
            throw new StartupProblem("Could not start the embedded PostgreSQL in " + dataDir + " (" + e.getMessage()
                    + "). Set SPRING_DATASOURCE_URL to use an external PostgreSQL instead.", e);
        }
    }

    /** Stops the embedded server of a data directory (tests use it to prove data survives a restart). */
    static void stop(Path dataDir) throws IOException {
        EmbeddedPostgres postgres = RUNNING.remove(dataDir.toAbsolutePath().normalize().resolve("postgres"));
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    public int getOrder() {
        // after application.yaml and the environment have been read, so their settings apply
        return Ordered.LOWEST_PRECEDENCE;
    }
}
