package dev.bridgekeeper.platform.crypto;

import dev.bridgekeeper.platform.secrets.InstanceSecrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals secrets (platform tokens, credentials) with AES-256-GCM before they reach the database.
 * Each ciphertext names the key that sealed it ({@code v1.<keyId>.<base64>}), so keys can be
 * rotated by adding a new active key while old ciphertexts still open. The caller's context
 * (e.g. the connection id) is bound as associated data: a ciphertext moved to another row fails.
 */
@Component
public class SecretSealer {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    public SecretSealer(InstanceSecrets secrets) {
        this.keys = secrets.encryptionKeys().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new SecretKeySpec(e.getValue(), "AES")));
        this.activeKeyId = secrets.activeEncryptionKeyId();
    }

    public String seal(String plaintext, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return "v1." + activeKeyId + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a secret", e);
        }
    }

    public String open(String sealed, String context) {
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Encryption key \"" + parts[1] + "\" is no longer configured;"
                    + " add it back to BRIDGEKEEPER_ENCRYPTION_KEYS to read this secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret failed its integrity check", e);
        }
    }

    /** The ids of every configured key, the active one included. */
    public java.util.Set<String> keyIds() {
        return new java.util.TreeSet<>(keys.keySet());
    }

    /** The key id new secrets are sealed with; ciphertexts naming another id are due for re-sealing. */
    public String activeKeyId() {
        return activeKeyId;
    }
}
