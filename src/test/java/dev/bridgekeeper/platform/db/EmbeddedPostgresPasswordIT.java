package dev.bridgekeeper.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded PostgreSQL is reachable by every local user on its loopback port, so its superuser must not sign in
 * without a password: neither on a new data directory nor on one created before passwords were required.
 */
class EmbeddedPostgresPasswordIT {

    private final Path dataDir = Path.of("target", "password-it-" + UUID.randomUUID()).toAbsolutePath();

    @AfterEach
    void stop() throws Exception {
        EmbeddedPostgresEnvironment.stop(dataDir);
    }

    @Test
    void aNewDatabaseAsksForTheGeneratedPassword() throws Exception {
        StandardEnvironment env = start();
        String url = env.getProperty("spring.datasource.url");
        String password = env.getProperty("spring.datasource.password");

        Path passwordFile = dataDir.resolve("secrets").resolve("postgres.password");
        assertThat(Files.readString(passwordFile).trim()).isEqualTo(password).hasSizeGreaterThanOrEqualTo(43);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");

        assertRefused(url, "");
        assertRefused(url, "postgres");
        try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void aDatabaseThatTrustedEveryoneIsGivenThePasswordAndKeepsItsData() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        Files.createDirectories(postgresDir);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(postgresDir)
                .setCleanDataDirectory(false).start();
                Connection connection = old.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (id int); insert into kept values (42)");
        }

        StandardEnvironment env = start();
        String url = env.getProperty("spring.datasource.url");
        assertRefused(url, "");
        try (Connection connection = DriverManager.getConnection(url, "postgres",
                env.getProperty("spring.datasource.password"));
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select id from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
        assertThat(Files.readString(postgresDir.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^(local|host).*trust");
    }

    private StandardEnvironment start() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "bridgekeeper.data-dir", dataDir.toString(),
                "bridgekeeper.embedded-database.server-config.fsync", "off")));
        new EmbeddedPostgresEnvironment().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    private static void assertRefused(String url, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", password).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }
}
