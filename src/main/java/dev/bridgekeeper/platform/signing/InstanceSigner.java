package dev.bridgekeeper.platform.signing;

import java.util.Map;

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
}
