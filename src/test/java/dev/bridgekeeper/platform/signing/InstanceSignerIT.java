package dev.bridgekeeper.platform.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.platform.crypto.SecretSealer;
import dev.bridgekeeper.platform.secrets.DevelopmentMode;
import dev.bridgekeeper.platform.secrets.InstanceSecrets;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The installation's receipt signatures, checked the way a lender's auditor would: with jose4j (a
 * JOSE library that shares no code with the nimbus library that signs) against the JWK Set served
 * at /.well-known/jwks.json without credentials.
 */
@ApiIntegrationTest
class InstanceSignerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TYPE = "consent-receipt+jwt";

    @LocalServerPort
    int port;

    @Autowired
    InstanceSigner signer;

    @Autowired
    EcInstanceSigner keys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SigningKeyStore store;

    @Autowired
    SecretSealer sealer;

    @Autowired
    InstanceSecrets secrets;

    @Autowired
    Environment environment;

    @Test
    void aSignedReceiptVerifiesWithAnIndependentLibraryAgainstThePublicJwks() throws Exception {
        Map<String, Object> claims = receiptClaims("first");
        String receipt = signer.sign(claims, TYPE);

        Api.Response jwks = Api.at(port).anonymous().get("/.well-known/jwks.json");
        assertThat(jwks.status()).as(jwks.toString()).isEqualTo(200);
        assertThat(jwks.header("Content-Type")).startsWith("application/json");
        assertThat(jwks.header("Cache-Control")).isEqualTo("max-age=300, public");

        JsonWebSignature verified = verify(receipt, jwks.body());
        assertThat(verified.getKeyIdHeaderValue()).isEqualTo(signer.currentKeyId());
        assertThat(verified.getHeader("typ")).isEqualTo(TYPE);
        assertThat(verified.getAlgorithmHeaderValue()).isEqualTo("ES256");
        assertThat(verified.getPayload()).isEqualTo(JSON.writeValueAsString(claims));
    }

    @Test
    void theJwksPublishesOnlyPublicEcKeys() {
        JsonNode jwks = Api.at(port).anonymous().get("/.well-known/jwks.json").json();
        assertThat(jwks.path("keys").size()).isPositive();
        for (JsonNode key : jwks.path("keys")) {
            assertThat(key.path("kty").asString()).isEqualTo("EC");
            assertThat(key.path("crv").asString()).isEqualTo("P-256");
            assertThat(key.path("use").asString()).isEqualTo("sig");
            assertThat(key.path("alg").asString()).isEqualTo("ES256");
            assertThat(key.has("x") && key.has("y") && key.has("kid")).isTrue();
            assertThat(key.has("d")).as("no private part in %s", key).isFalse();
        }
    }

    @Test
    void aTamperedReceiptFailsVerification() throws Exception {
        String receipt = signer.sign(receiptClaims("tamper"), TYPE);
        String jwks = Api.at(port).anonymous().get("/.well-known/jwks.json").body();
        assertThat(verify(receipt, jwks).verifySignature()).isTrue();

        String[] parts = receipt.split("\\.");
        Map<String, Object> altered = receiptClaims("tamper");
        altered.put("dataTypes", List.of("invoices", "bankTransactions"));
        String otherPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsString(altered).getBytes(StandardCharsets.UTF_8));
        assertThat(verifies(parts[0] + "." + otherPayload + "." + parts[2], jwks)).isFalse();

        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        assertThat(verifies(parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signature), jwks)).isFalse();
    }

    @Test
    void thePrivateKeyIsSealedAtRest() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select kid, public_jwk::text as jwk, private_key_sealed from instance_signing_key");
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            String sealed = (String) row.get("private_key_sealed");
            assertThat(sealed).startsWith("v1.").doesNotContain("\"d\"").doesNotContain((String) row.get("kid"));
            assertThat(JSON.readTree((String) row.get("jwk")).has("d")).isFalse();
        }
    }

    @Test
    void instancesRacingToCreateAKeyGenerationEndWithOneKeyAndOldReceiptsStillVerify() throws Exception {
        String before = signer.currentKeyId();
        String oldReceipt = signer.sign(receiptClaims("before rotation"), TYPE);
        int generation = jdbc.queryForObject("select max(generation) from instance_signing_key", Integer.class) + 1;

        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return keys.createGeneration(generation);
                }));
            }
            start.countDown();
            Set<String> kids = new java.util.HashSet<>();
            for (Future<String> result : results) {
                kids.add(result.get());
            }
            assertThat(kids).as("every racer ends with the same key").hasSize(1);
            String after = kids.iterator().next();
            assertThat(after).isNotEqualTo(before).isEqualTo(signer.currentKeyId());
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("select count(*) from instance_signing_key where generation = ?", Integer.class,
                generation)).isEqualTo(1);

        String jwks = Api.at(port).anonymous().get("/.well-known/jwks.json").body();
        assertThat(kids(jwks)).contains(before, signer.currentKeyId());
        assertThat(verify(oldReceipt, jwks).getKeyIdHeaderValue()).isEqualTo(before);
        assertThat(verify(signer.sign(receiptClaims("after rotation"), TYPE), jwks).getKeyIdHeaderValue())
                .isEqualTo(signer.currentKeyId());
    }

    @Test
    void aRetiredKeyLeavesTheJwksAndTheSigningKeyCannotBeRetired() throws Exception {
        String middle = keys.rotate();
        String newest = keys.rotate();
        assertThat(newest).isNotEqualTo(middle);
        // the newest key signs; the one before stays published until it is retired
        String receipt = signer.sign(receiptClaims("newest"), TYPE);
        assertThat(kids(Api.at(port).anonymous().get("/.well-known/jwks.json").body())).contains(middle, newest);
        assertThat(verify(receipt, Api.at(port).anonymous().get("/.well-known/jwks.json").body())
                .getKeyIdHeaderValue()).isEqualTo(newest);

        keys.retire(middle);
        List<String> published = kids(Api.at(port).anonymous().get("/.well-known/jwks.json").body());
        assertThat(published).contains(newest).doesNotContain(middle);
        assertThatThrownBy(() -> keys.retire(newest)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rotate before retiring");
        assertThat(signer.currentKeyId()).isEqualTo(newest);
    }

    @Test
    void aKeyPastItsLifetimeIsReplacedAtTheNextSignatureAndStaysPublished() throws Exception {
        String old = signer.currentKeyId();
        String oldReceipt = signer.sign(receiptClaims("old key"), TYPE);
        SigningProperties policy = new SigningProperties(Duration.ofDays(30), Duration.ofMinutes(5));
        // the same database and sealer, seen from an instance whose clock is 31 days ahead
        EcInstanceSigner later = new EcInstanceSigner(store, sealer, JsonMapper.builder().build(),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(31)), policy);

        String receipt = later.sign(receiptClaims("new key"), TYPE);
        String jwks = Api.at(port).anonymous().get("/.well-known/jwks.json").body();
        String fresh = verify(receipt, jwks).getKeyIdHeaderValue();
        assertThat(fresh).isNotEqualTo(old).isEqualTo(later.currentKeyId()).isEqualTo(signer.currentKeyId());
        assertThat(verify(oldReceipt, jwks).getKeyIdHeaderValue()).isEqualTo(old);
        // a key inside its lifetime is kept: signing again does not rotate
        EcInstanceSigner sameDay = new EcInstanceSigner(store, sealer, JsonMapper.builder().build(),
                Clock.systemUTC(), policy);
        assertThat(verify(sameDay.sign(receiptClaims("same key"), TYPE), jwks).getKeyIdHeaderValue()).isEqualTo(fresh);
    }

    @Test
    void anInstanceWithANewEncryptionKeyReSealsTheSigningKeysAndKeepsSigningWithThem() throws Exception {
        String kid = signer.currentKeyId();
        byte[] current = secrets.encryptionKeys().get(secrets.activeEncryptionKeyId());
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        String keys = secrets.activeEncryptionKeyId() + ":" + Base64.getEncoder().encodeToString(current) + ",rotated:"
                + Base64.getEncoder().encodeToString(fresh);
        SecretSealer rotated = sealer(keys, "rotated");
        try {
            EcInstanceSigner restarted = new EcInstanceSigner(store, rotated, JsonMapper.builder().build(),
                    Clock.systemUTC(), new SigningProperties(Duration.ZERO, Duration.ofMinutes(5)));
            restarted.afterPropertiesSet();
            assertThat(jdbc.queryForList("select private_key_sealed from instance_signing_key", String.class))
                    .allMatch(sealed -> sealed.startsWith("v1.rotated."));
            assertThat(restarted.resealWithActiveEncryptionKey()).as("nothing left to move").isZero();
            String jwks = Api.at(port).anonymous().get("/.well-known/jwks.json").body();
            assertThat(verify(restarted.sign(receiptClaims("after re-sealing"), TYPE), jwks).getKeyIdHeaderValue())
                    .isEqualTo(kid);
        } finally {
            // back to the running application's key, which does not know "rotated"
            new EcInstanceSigner(store, sealer(keys, secrets.activeEncryptionKeyId()), JsonMapper.builder().build(),
                    Clock.systemUTC(), new SigningProperties(Duration.ZERO, Duration.ofMinutes(5)))
                    .resealWithActiveEncryptionKey();
        }
        assertThat(jdbc.queryForList("select private_key_sealed from instance_signing_key", String.class))
                .allMatch(sealed -> sealed.startsWith("v1." + secrets.activeEncryptionKeyId() + "."));
    }

    private static SecretSealer sealer(String keys, String active) {
        org.springframework.mock.env.MockEnvironment env = new org.springframework.mock.env.MockEnvironment()
                .withProperty("bridgekeeper.security.token-signing-key",
                        Base64.getEncoder().encodeToString(new byte[32]))
                .withProperty("bridgekeeper.encryption.keys", keys)
                .withProperty("bridgekeeper.encryption.active-key", active);
        return new SecretSealer(new InstanceSecrets(env, new DevelopmentMode(env)));
    }

    @Test
    void aNegativeLifetimeStopsStartUpWithASentence() {
        assertThatThrownBy(() -> new SigningProperties(Duration.ofDays(-1), Duration.ofMinutes(5)))
                .isInstanceOf(dev.bridgekeeper.platform.StartupProblem.class)
                .hasMessageContaining("BRIDGEKEEPER_SIGNING_KEYLIFETIME");
    }

    @Test
    void aRestartedOrSecondInstanceSignsWithTheSameKey() throws Exception {
        String kid = signer.currentKeyId();
        String firstJwks = Api.at(port).anonymous().get("/.well-known/jwks.json").body();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(BridgekeeperApplication.class)
                .profiles("test")
                .run("--server.port=0", "--bridgekeeper.data-dir=" + environment.getProperty("bridgekeeper.data-dir"),
                        "--bridgekeeper.embedded-database.clean=false")) {
            InstanceSigner other = second.getBean(InstanceSigner.class);
            assertThat(other.currentKeyId()).isEqualTo(kid);
            int otherPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            String secondJwks = Api.at(otherPort).anonymous().get("/.well-known/jwks.json").body();
            assertThat(JSON.readTree(secondJwks)).isEqualTo(JSON.readTree(firstJwks));
            // what the other instance signs verifies against this instance's JWKS
            assertThat(verify(other.sign(receiptClaims("second"), TYPE), firstJwks).getKeyIdHeaderValue())
                    .isEqualTo(kid);
        }
        assertThat(jdbc.queryForObject("select count(*) from instance_signing_key where kid = ?", Integer.class, kid))
                .isEqualTo(1);
    }

    private static Map<String, Object> receiptClaims(String subject) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "http://localhost");
        claims.put("sub", subject);
        claims.put("consentId", java.util.UUID.randomUUID().toString());
        claims.put("dataTypes", List.of("invoices"));
        claims.put("iat", 1_764_000_000L);
        return claims;
    }

    /** Verifies with jose4j only: parses the JWKS, picks the key by kid, checks the ES256 signature. */
    private static JsonWebSignature verify(String compact, String jwksJson) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        jws.setCompactSerialization(compact);
        JsonWebKey key = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwksJson).getJsonWebKeys());
        assertThat(key).as("a key in the JWKS matches kid %s", jws.getKeyIdHeaderValue()).isNotNull();
        jws.setKey(key.getKey());
        assertThat(jws.verifySignature()).as("signature of %s", compact).isTrue();
        return jws;
    }

    private static boolean verifies(String compact, String jwksJson) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        jws.setCompactSerialization(compact);
        JsonWebKey key = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwksJson).getJsonWebKeys());
        jws.setKey(key.getKey());
        return jws.verifySignature();
    }

    private static List<String> kids(String jwksJson) {
        return JSON.readTree(jwksJson).path("keys").valueStream().map(k -> k.path("kid").asString())
                .collect(Collectors.toList());
    }
}
