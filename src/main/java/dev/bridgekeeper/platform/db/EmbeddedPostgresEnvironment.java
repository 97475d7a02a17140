package dev.bridgekeeper.platform.db;

import dev.bridgekeeper.platform.StartupProblem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
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
 *
 * <p>The superuser signs in with a generated password (SCRAM-SHA-256, for socket and TCP connections alike),
 * kept in {@code data-dir/secrets/postgres.password}: a loopback port is reachable by every local user and process,
 * so a password-less superuser would hand all of Bridgekeeper's data to any of them. A data directory created by an
 * earlier version with password-less ("trust") sign-in is given the password and switched over at its next start.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    /** Set to true when the embedded database is in use: the signal for development mode. */
    public static final String ACTIVE_PROPERTY = "bridgekeeper.embedded-database.active";

    private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();
    private static final String PASSWORD_FILE = "postgres.password";

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
        Path passwordFile = dataDir.getParent().resolve("secrets").resolve(PASSWORD_FILE);
        EmbeddedPostgres postgres = RUNNING.computeIfAbsent(dataDir,
                dir -> start(dir, clean, port, serverConfig, password(passwordFile), passwordFile));

        Map<String, Object> datasource = new HashMap<>();
        datasource.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        datasource.put("spring.datasource.username", "postgres");
        datasource.put("spring.datasource.password", password(passwordFile));
        datasource.put(ACTIVE_PROPERTY, "true");
        env.getPropertySources().addFirst(new MapPropertySource("bridgekeeperEmbeddedPostgres", datasource));
    }

    private static EmbeddedPostgres start(Path dataDir, boolean clean, int port, Map<String, String> serverConfig,
            String password, Path passwordFile) {
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
                    .setServerConfig("full_page_writes", "on")
                    // initdb's own "-A trust" comes first; these later options win for both kinds of connection
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password);
            if (port > 0) {
                builder.setPort(port);
            }
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            requirePassword(postgres, dataDir, password);
            return postgres;
        } catch (IOException | SQLException e) {
            throw new StartupProblem("Could not start the embedded PostgreSQL in " + dataDir + " (" + e.getMessage()
                    + "). Set SPRING_DATASOURCE_URL to use an external PostgreSQL instead.", e);
        }
    }

    /** The superuser's password: generated once (256 bits), then read back on every start. */
    private static String password(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, password, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the data directory's own permissions apply
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the embedded database password " + file, e);
        }
    }

    /**
     * A data directory initialised with password-less sign-in (before passwords were set) still trusts every local
     * connection: give the superuser its password, then make every pg_hba line ask for it and reload.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password)
            throws IOException, SQLException {
        Path hba = dataDir.resolve("pg_hba.conf");
        String rules = Files.readString(hba, StandardCharsets.UTF_8);
        String required = rules.replaceAll("(?m)^((?:local|host)\\s.*\\s)trust\\s*$", "$1scram-sha-256");
        if (required.equals(rules)) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role postgres password '" + password.replace("'", "''") + "'");
            Files.writeString(hba, required, StandardCharsets.UTF_8);
            statement.execute("select pg_reload_conf()");
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
