package dev.bridgekeeper.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.platform.StartupProblem;
import dev.bridgekeeper.platform.secrets.DevelopmentMode;
import dev.bridgekeeper.platform.secrets.InstanceSecrets;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

/**
 * Key rotation covers every sealed column: with values sealed by an older key an instance that lacks that key
 * refuses to start, naming the columns and the key; one that has it re-seals webhook secrets (current and previous),
 * connection authorization properties and clients' app secrets with the active key, and they still open.
 */
@ApiIntegrationTest
class KeyRotationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecretSealer sealer;

    @Autowired
    Environment env;

    /** One sealed value: where it is, what it holds and the context it is sealed with. */
    record Sealed(String table, String column, String key, Object id, String context, String plaintext,
            String original) {}

    @Test
    void everySealedColumnIsResealedAndAMissingKeyStopsStartUp() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Key rotation");
        Api api = tenant.api();
        String consumer = api.post("/webhooks", "{\"url\":\"http://127.0.0.1:9/rotation\","
                + "\"eventTypes\":[\"company.created\"]}").json().path("id").asString();
        assertThat(api.post("/webhooks/" + consumer + "/secret/rotate", null).status()).isEqualTo(200);
        String company = api.post("/companies", "{\"name\":\"Rotated Ltd\"}").json().path("id").asString();
        String connection = api.post("/companies/" + company + "/connections", "{\"platformKey\":\"sbbk\"}").json()
                .path("id").asString();
        assertThat(api.put("/companies/" + company + "/connections/" + connection + "/authorization",
                "{\"apiKey\":\"rotated-secret\"}").status()).isEqualTo(200);
        assertThat(api.put("/integrations/gbol/credentials", "{\"clientId\":\"app\",\"clientSecret\":\"app-secret\"}")
                .status()).isEqualTo(200);

        UUID consumerId = UUID.fromString(consumer);
        List<Sealed> values = List.of(
                value("webhook_consumer", "secret_sealed", "id", consumerId, "webhook-secret:" + consumer),
                value("webhook_consumer", "previous_secret_sealed", "id", consumerId, "webhook-secret:" + consumer),
                value("connection", "authorization_sealed", "id", UUID.fromString(connection),
                        "connection-authorization:" + connection),
                value("integration_credentials", "client_secret_sealed", "client_id", tenant.clientId(),
                        "integration-credentials:" + tenant.clientId() + ":gbol"));
        String oldKey = randomKey();
        SecretSealer old = sealer("old:" + oldKey);
        String secretBefore = api.get("/webhooks/" + consumer + "/secret").json().path("key").asString();
        try {
            for (Sealed v : values) {
                write(v, old.seal(v.plaintext(), v.context()));
            }

            assertThatThrownBy(() -> instance("dev:" + devKey()).close())
                    .satisfies(failure -> assertThat(root(failure)).isInstanceOf(StartupProblem.class)
                            .hasMessageContaining("webhook_consumer.secret_sealed")
                            .hasMessageContaining("connection.authorization_sealed")
                            .hasMessageContaining("integration_credentials.client_secret_sealed")
                            .hasMessageContaining("\"old\""));

            try (ConfigurableApplicationContext rotated = instance("dev:" + devKey() + ",old:" + oldKey)) {
                assertThat(rotated.getBean(SealedColumns.class).resealOldKeys()).isGreaterThanOrEqualTo(values.size());
            }
            for (Sealed v : values) {
                String now = read(v);
                assertThat(now).as(v.table() + "." + v.column()).startsWith("v1.dev.");
                assertThat(sealer.open(now, v.context())).isEqualTo(v.plaintext());
            }
            assertThat(api.get("/webhooks/" + consumer + "/secret").json().path("key").asString())
                    .isEqualTo(secretBefore);
        } finally {
            // nothing sealed with a key the other test contexts lack may stay behind
            for (Sealed v : values) {
                if (read(v).startsWith("v1.old.")) {
                    write(v, v.original());
                }
            }
        }
    }

    private Sealed value(String table, String column, String key, Object id, String context) {
        String original = jdbc.queryForObject("select " + column + " from " + table + " where " + key + " = ?"
                + (table.equals("integration_credentials") ? " and platform_key = 'gbol'" : ""), String.class, id);
        assertThat(original).as(table + "." + column).startsWith("v1.dev.");
        return new Sealed(table, column, key, id, context, sealer.open(original, context), original);
    }

    private String read(Sealed v) {
        return jdbc.queryForObject("select " + v.column() + " from " + v.table() + " where " + v.key() + " = ?"
                + (v.table().equals("integration_credentials") ? " and platform_key = 'gbol'" : ""), String.class,
                v.id());
    }

    private void write(Sealed v, String sealed) {
        jdbc.update("update " + v.table() + " set " + v.column() + " = ? where " + v.key() + " = ?"
                + (v.table().equals("integration_credentials") ? " and platform_key = 'gbol'" : ""), sealed, v.id());
    }

    /** Another instance on this database with these encryption keys, the test's own key active. */
    private ConfigurableApplicationContext instance(String keys) throws Exception {
        Path secrets = Path.of(env.getRequiredProperty("bridgekeeper.data-dir"), "secrets");
        return new SpringApplicationBuilder(BridgekeeperApplication.class).profiles("test").run(
                "--server.port=0", "--bridgekeeper.role=api",
                "--bridgekeeper.data-dir=target/it-data-rotation-" + UUID.randomUUID(),
                "--spring.datasource.url=" + env.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + env.getRequiredProperty("spring.datasource.password"),
                "--bridgekeeper.security.token-signing-key=" + Files.readString(secrets.resolve("token-signing.key")).trim(),
                "--bridgekeeper.encryption.keys=" + keys, "--bridgekeeper.encryption.active-key=dev");
    }

    private String devKey() throws Exception {
        return Files.readString(Path.of(env.getRequiredProperty("bridgekeeper.data-dir"), "secrets", "encryption.key"))
                .trim();
    }

    private static SecretSealer sealer(String keys) {
        MockEnvironment settings = new MockEnvironment()
                .withProperty("bridgekeeper.security.token-signing-key", randomKey())
                .withProperty("bridgekeeper.encryption.keys", keys);
        return new SecretSealer(new InstanceSecrets(settings, new DevelopmentMode(settings)));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Throwable root(Throwable failure) {
        List<Throwable> seen = new ArrayList<>();
        Throwable t = failure;
        while (t.getCause() != null && !seen.contains(t)) {
            seen.add(t);
            if (t instanceof StartupProblem) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }
}
