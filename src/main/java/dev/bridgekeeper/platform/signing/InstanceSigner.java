package dev.bridgekeeper.platform.signing;

import java.util.Map;
import java.util.Optional;

/**
 * Signs statements with this installation's own key (EC P-256, ES256), so that anyone holding
 * the public keys at {@code /.well-known/jwks.json} can check a consent receipt without trusting
 * the lender's database. Every instance of one installation signs with the same key.
 */
public interface InstanceSigner {

    /**
     * A compact JWS (ES256) over the claims, serialised as a JSON object by the application's JSON
     * mapper (UUIDs and instants become strings; give JWT times such as {@code iat} as epoch seconds).
     * The header names the signing key ({@code kid}) and carries {@code typ} = {@code type} when given.
     */
    String sign(Map<String, Object> claims, String type);

    /** The {@code kid} that {@link #sign} uses now; it changes only when the key is rotated. */
    String currentKeyId();

    /**
     * Checks statements signed by {@link #sign}: a fresh check reads the installation's keys once, so one
     * instance can check many signatures (a whole audit chain) without reading them again.
     */
    Verifier verifier();

    /** Checks JWS against the keys of this installation that were live when the verifier was made. */
    interface Verifier {

        /**
         * The claims of a compact JWS signed (ES256) by one of this installation's keys that is not retired, with
         * {@code typ} = {@code type}; empty when it is not such a JWS. A key counts only if its sealed private half
         * opens with the configured encryption key, so a key row written straight into the database is not trusted.
         */
        Optional<Map<String, Object>> verify(String jws, String type);
    }
}
