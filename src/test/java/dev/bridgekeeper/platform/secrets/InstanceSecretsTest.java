package dev.bridgekeeper.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.platform.StartupProblem;
import dev.bridgekeeper.platform.db.EmbeddedPostgresEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class InstanceSecretsTest {

    @TempDir
    Path dataDir;

    private MockEnvironment production() {
        return new MockEnvironment().withProperty("bridgekeeper.data-dir", dataDir.toString());
    }

    private MockEnvironment development() {
        return production().withProperty(EmbeddedPostgresEnvironment.ACTIVE_PROPERTY, "true");
    }

    @Test
    void productionWithoutASigningKeyStopsAndNamesTheVariable() {
        assertThatThrownBy(() -> new InstanceSecrets(production(), new DevelopmentMode(production())))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("Set BRIDGEKEEPER_SECURITY_TOKENSIGNINGKEY to a base64 value of at least 32"
                        + " random bytes");
    }

    @Test
    void productionWithoutEncryptionKeysStopsAndNamesTheVariable() {
        MockEnvironment env = production().withProperty("bridgekeeper.security.token-signing-key", key(32));
        assertThatThrownBy(() -> new InstanceSecrets(env, new DevelopmentMode(env)))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("Set BRIDGEKEEPER_ENCRYPTION_KEYS");
    }

    @Test
    void developmentGeneratesKeysOnceAndKeepsThem() throws Exception {
        InstanceSecrets first = new InstanceSecrets(development(), new DevelopmentMode(development()));
        InstanceSecrets second = new InstanceSecrets(development(), new DevelopmentMode(development()));

        assertThat(first.tokenSigningKey()).hasSize(32).isEqualTo(second.tokenSigningKey());
        assertThat(first.encryptionKeys().get("dev")).hasSize(32).isEqualTo(second.encryptionKeys().get("dev"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("secrets/encryption.key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void configuredKeysAreCheckedAndTheActiveOneChosen() {
        MockEnvironment env = production().withProperty("bridgekeeper.security.token-signing-key", key(32))
                .withProperty("bridgekeeper.encryption.keys", "old:" + key(32) + ",new:" + key(32))
                .withProperty("bridgekeeper.encryption.active-key", "new");
        assertThat(new InstanceSecrets(env, new DevelopmentMode(env)).activeEncryptionKeyId()).isEqualTo("new");

        MockEnvironment shortKey = production().withProperty("bridgekeeper.security.token-signing-key", key(32))
                .withProperty("bridgekeeper.encryption.keys", "k1:" + key(16));
        assertThatThrownBy(() -> new InstanceSecrets(shortKey, new DevelopmentMode(shortKey)))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("must be exactly 32 bytes (got 16)");

        MockEnvironment unknownActive = production().withProperty("bridgekeeper.security.token-signing-key", key(32))
                .withProperty("bridgekeeper.encryption.keys", "k1:" + key(32))
                .withProperty("bridgekeeper.encryption.active-key", "k2");
        assertThatThrownBy(() -> new InstanceSecrets(unknownActive, new DevelopmentMode(unknownActive)))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("names key \"k2\"");
    }

    private static String key(int bytes) {
        byte[] key = new byte[bytes];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
