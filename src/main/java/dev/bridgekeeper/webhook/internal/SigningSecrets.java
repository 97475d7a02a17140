package dev.bridgekeeper.webhook.internal;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Consumers' signing secrets in the Standard Webhooks form ({@code whsec_} + base64 of 24 random
 * bytes), and the {@code webhook-signature} header made with the official library. During a
 * rotation overlap the header carries one signature per secret, separated by a space, so a receiver
 * still holding the old secret keeps verifying.
 */
final class SigningSecrets {

    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {}

    static String generate() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,<sig>} for each secret, newest first, space-separated. */
    static String signatureHeader(List<String> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> sign(secret, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    private static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            return new Webhook(secret).sign(messageId, timestampSeconds, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("Could not sign webhook " + messageId, e);
        } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalStateException("A webhook consumer has an empty signing secret", e);
        }
    }
}
