package dev.bridgekeeper.platform.security;

import dev.bridgekeeper.platform.crypto.Digests;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API keys are 256-bit random strings, so a single SHA-256 is the right storage form: it cannot
 * be reversed or brute-forced, and it can be looked up with an index in constant time.
 */
public final class ApiKeyDigest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyDigest() {}

    public static byte[] of(String apiKey) {
        return Digests.sha256(apiKey);
    }

    /** A new key: 40 URL-safe characters carrying 240 bits of randomness. */
    public static String newKey() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
