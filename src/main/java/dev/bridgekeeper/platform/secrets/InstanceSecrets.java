package dev.bridgekeeper.platform.secrets;

import dev.bridgekeeper.platform.StartupProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The instance's own secrets. In production they come from configuration and a missing one stops
 * start-up with the variable to set; in development mode (embedded database) a missing one is
 * generated once under the data directory, with a loud warning, so the first run just works.
 */
@Component
public class InstanceSecrets {

    private static final Logger log = LoggerFactory.getLogger(InstanceSecrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] tokenSigningKey;
    private final Map<String, byte[]> encryptionKeys;
    private final String activeEncryptionKeyId;

    public InstanceSecrets(Environment env, DevelopmentMode mode) {
        this.tokenSigningKey = resolve(env.getProperty("bridgekeeper.security.token-signing-key", ""),
                "BRIDGEKEEPER_SECURITY_TOKENSIGNINGKEY", "token-signing.key", mode);
        String configuredKeys = env.getProperty("bridgekeeper.encryption.keys", "");
        if (configuredKeys.isBlank()) {
            this.encryptionKeys = Map.of("dev", resolve("", "BRIDGEKEEPER_ENCRYPTION_KEYS", "encryption.key", mode));
            this.activeEncryptionKeyId = "dev";
        } else {
            this.encryptionKeys = parseKeys(configuredKeys);
            String active = env.getProperty("bridgekeeper.encryption.active-key", "");
            this.activeEncryptionKeyId = active.isBlank() ? encryptionKeys.keySet().iterator().next() : active;
            if (!encryptionKeys.containsKey(activeEncryptionKeyId)) {
                throw new StartupProblem("BRIDGEKEEPER_ENCRYPTION_ACTIVEKEY names key \"" + active
                        + "\", which is not in BRIDGEKEEPER_ENCRYPTION_KEYS");
            }
        }
    }

    /** AES-256 keys by id, from {@code id:base64,id:base64}; exactly 32 bytes each. */
    private static Map<String, byte[]> parseKeys(String configured) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : configured.split(",")) {
            String[] idAndKey = entry.trim().split(":", 2);
            if (idAndKey.length != 2 || !idAndKey[0].matches("[A-Za-z0-9_-]{1,32}")) {
                throw new StartupProblem("BRIDGEKEEPER_ENCRYPTION_KEYS must look like"
                        + " \"key1:<base64 of 32 bytes>,key2:<...>\"; generate a key with: openssl rand -base64 32");
            }
            byte[] key = decode(idAndKey[1], "BRIDGEKEEPER_ENCRYPTION_KEYS (key " + idAndKey[0] + ")");
            if (key.length != 32) {
                throw new StartupProblem("Encryption key \"" + idAndKey[0] + "\" in BRIDGEKEEPER_ENCRYPTION_KEYS"
                        + " must be exactly 32 bytes (got " + key.length + ")");
            }
            keys.put(idAndKey[0], key);
        }
        return Collections.unmodifiableMap(keys);
    }

    public Map<String, byte[]> encryptionKeys() {
        return encryptionKeys;
    }

    public String activeEncryptionKeyId() {
        return activeEncryptionKeyId;
    }

    /** At least 32 bytes used to sign company access tokens. */
    public byte[] tokenSigningKey() {
        return tokenSigningKey.clone();
    }

    static byte[] resolve(String configured, String variable, String fileName, DevelopmentMode mode) {
        if (!configured.isBlank()) {
            byte[] key = decode(configured, variable);
            if (key.length < 32) {
                throw new StartupProblem(variable + " must be at least 32 bytes of base64 (got " + key.length
                        + "); generate one with: openssl rand -base64 32");
            }
            return key;
        }
        if (!mode.active()) {
            throw new StartupProblem("Set " + variable + " to a base64 value of at least 32 random bytes"
                    + " (generate one with: openssl rand -base64 32). Only development mode with the embedded"
                    + " database generates it for you.");
        }
        Path file = mode.dataDirectory().resolve("secrets").resolve(fileName);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim(), file.toString());
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the data directory's own permissions apply
            }
            log.warn("DEVELOPMENT MODE: generated {} at {}. Set {} in production.", fileName, file, variable);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write " + file, e);
        }
    }

    private static byte[] decode(String value, String source) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(source + " is not valid base64", e);
        }
    }
}
