package dev.bridgekeeper.platform.signing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /.well-known/jwks.json}: the public keys that verify this installation's receipts, open to
 * anyone. Cached briefly (bridgekeeper.signing.jwks-max-age); a verifier meeting an unknown kid should
 * fetch it again, as JOSE libraries' remote key sets do.
 */
@RestController
@Tag(name = "Consents")
class JwksController {

    private final EcInstanceSigner signer;
    private final JsonMapper json;
    private final Duration maxAge;

    JwksController(EcInstanceSigner signer, JsonMapper json, SigningProperties properties) {
        this.signer = signer;
        this.json = json;
        this.maxAge = properties.jwksMaxAge();
    }

    /** A JWK Set: EC public keys with kty, crv, x, y, kid, use and alg. */
    record JwkSet(List<Map<String, Object>> keys) {}

    @Operation(operationId = "get-jwks", summary = "Get the receipt signing keys",
            description = "The JWK Set (RFC 7517) of every key this installation signs consent receipts with or"
                    + " has signed them with and not withdrawn. Public: no API key needed.")
    @SecurityRequirements
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @SuppressWarnings("unchecked")
    ResponseEntity<JwkSet> jwks() {
        JwkSet body = new JwkSet(signer.publishedKeys().stream()
                .map(key -> (Map<String, Object>) json.readValue(key, Map.class)).toList());
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(maxAge).cachePublic()).body(body);
    }
}
