package dev.bridgekeeper.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.platform.secrets.DevelopmentMode;
import dev.bridgekeeper.platform.secrets.InstanceSecrets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SecretSealerTest {

    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static SecretSealer sealer(String keys, String active) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("bridgekeeper.security.token-signing-key", NEW)
                .withProperty("bridgekeeper.encryption.keys", keys)
                .withProperty("bridgekeeper.encryption.active-key", active);
        return new SecretSealer(new InstanceSecrets(env, new DevelopmentMode(env)));
    }

    @Test
    void sealsWithTheActiveKeyAndOpensWithTheNamedOne() {
        SecretSealer before = sealer("old:" + OLD, "old");
        String sealed = before.seal("refresh-token-value", "connection-token:1:refresh");
        assertThat(sealed).startsWith("v1.old.").doesNotContain("refresh-token-value");
        assertThat(before.seal("refresh-token-value", "connection-token:1:refresh")).as("random IV").isNotEqualTo(sealed);

        SecretSealer rotated = sealer("old:" + OLD + ",new:" + NEW, "new");
        assertThat(rotated.open(sealed, "connection-token:1:refresh")).isEqualTo("refresh-token-value");
        assertThat(rotated.seal("x", "c")).startsWith("v1.new.");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAlteredDoesNotOpen() {
        SecretSealer sealer = sealer("old:" + OLD, "old");
        String sealed = sealer.seal("secret", "connection-token:1:access");

        assertThatThrownBy(() -> sealer.open(sealed, "connection-token:2:access"))
                .hasMessageContaining("integrity check");
        String prefix = sealed.substring(0, sealed.lastIndexOf('.') + 1);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(prefix.length()));
        bytes[bytes.length / 2] ^= 0x01; // one bit of the ciphertext
        String altered = prefix + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> sealer.open(altered, "connection-token:1:access"))
                .hasMessageContaining("integrity check");
    }

    @Test
    void aRemovedKeyIsNamedWhenItsCiphertextIsRead() {
        String sealed = sealer("old:" + OLD, "old").seal("secret", "c");
        assertThatThrownBy(() -> sealer("new:" + NEW, "new").open(sealed, "c"))
                .hasMessageContaining("Encryption key \"old\" is no longer configured");
    }
}
