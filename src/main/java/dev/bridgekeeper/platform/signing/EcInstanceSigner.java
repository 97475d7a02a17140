package dev.bridgekeeper.platform.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bridgekeeper.platform.crypto.SecretSealer;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The installation's ES256 signing keys, kept in the database so every instance signs with the
 * same key and a restart keeps it. Creating a key generation is an insert that only the first
 * instance wins; the others read the winner's key, so instances starting together agree on one.
 */
@Component
class EcInstanceSigner implements InstanceSigner, InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EcInstanceSigner.class);

    private final SigningKeyStore store;
    private final SecretSealer sealer;
    private final JsonMapper json;
    private final Clock clock;
    private final SigningProperties properties;
    /** Opened private keys by kid: a key never changes (re-sealing changes only its wrapping). */
    private final Map<String, ECKey> opened = new ConcurrentHashMap<>();

    EcInstanceSigner(SigningKeyStore store, SecretSealer sealer, JsonMapper json, Clock clock,
            SigningProperties properties) {
        this.store = store;
        this.sealer = sealer;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * The first start of an installation creates its first key (and a start after its lifetime the
     * next). Keys sealed with an older encryption key are re-sealed with the active one, so the old
     * encryption key can be removed from the configuration once every instance runs with the new one.
     */
    @Override
    public void afterPropertiesSet() {
        resealWithActiveEncryptionKey();
        currentKey();
    }

    /** Re-seals keys whose ciphertext names another encryption key; answers how many it moved. */
    int resealWithActiveEncryptionKey() {
        String active = "v1." + sealer.activeKeyId() + ".";
        int moved = 0;
        for (SigningKeyStore.KeyRow row : store.all()) {
            if (!row.privateKeySealed().startsWith(active)) {
                String plain = sealer.open(row.privateKeySealed(), context(row.kid()));
                if (store.reseal(row.kid(), row.privateKeySealed(), sealer.seal(plain, context(row.kid())))) {
                    moved++;
                }
            }
        }
        if (moved > 0) {
            log.info("Re-sealed {} instance signing key(s) with encryption key {}", moved, sealer.activeKeyId());
        }
        return moved;
    }

    @Override
    public String sign(Map<String, Object> claims, String type) {
        ECKey key = currentKey();
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
        if (type != null && !type.isBlank()) {
            header.type(new JOSEObjectType(type));
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(json.writeValueAsString(claims)));
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign with the instance key " + key.getKeyID(), e);
        }
        return jws.serialize();
    }

    @Override
    public String currentKeyId() {
        return currentKey().getKeyID();
    }

    /**
     * The public keys to publish: every key not retired whose sealed private half opens with the encryption key,
     * newest first. The public half is taken from the opened key, not from the row, so a key row written
     * straight into the database is never published.
     */
    List<String> publishedKeys() {
        return trustedKeys().stream().map(Trusted::publicJwk).toList();
    }

    @Override
    public Verifier verifier() {
        Map<String, ECKey> keys = new java.util.HashMap<>();
        trustedKeys().forEach(trusted -> keys.put(trusted.key().getKeyID(), trusted.key()));
        return (jws, type) -> verify(keys, jws, type);
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> verify(Map<String, ECKey> keys, String compact, String type) {
        try {
            JWSObject jws = JWSObject.parse(compact);
            ECKey key = keys.get(jws.getHeader().getKeyID());
            if (key == null || !JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())
                    || jws.getHeader().getType() == null || !type.equals(jws.getHeader().getType().getType())
                    || !jws.verify(new ECDSAVerifier(key))) {
                return Optional.empty();
            }
            return Optional.of((Map<String, Object>) json.readValue(jws.getPayload().toString(), Map.class));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A key this installation sealed: its public half, and that half as the row publishes it. */
    private record Trusted(ECKey key, String publicJwk) {}

    /** The keys not retired whose sealed half opens with the encryption key and matches the row's kid and public key. */
    private List<Trusted> trustedKeys() {
        List<Trusted> trusted = new java.util.ArrayList<>();
        for (SigningKeyStore.KeyRow row : store.published()) {
            try {
                ECKey key = opened.computeIfAbsent(row.kid(), kid -> open(row)).toPublicJWK();
                ECKey published = ECKey.parse(row.publicJwk());
                if (key.getKeyID().equals(row.kid()) && key.getX().equals(published.getX())
                        && key.getY().equals(published.getY()) && key.getCurve().equals(published.getCurve())) {
                    trusted.add(new Trusted(key, row.publicJwk()));
                } else {
                    log.warn("Instance signing key {} does not match its sealed private half; it is not trusted",
                            row.kid());
                }
            } catch (ParseException | RuntimeException notOurs) {
                // a row this installation did not seal: written around it, so neither published nor trusted
                log.warn("Instance signing key {} does not open with the encryption key; it is not trusted",
                        row.kid());
            }
        }
        return trusted;
    }

    /**
     * Starts signing with a new key. The old ones stay published, so what they signed still verifies.
     * Instances rotating at the same moment create one new key between them.
     */
    String rotate() {
        return createGeneration(store.lastGeneration() + 1);
    }

    /** Withdraws a key from the JWKS (after a compromise, say); the key that signs now must be rotated first. */
    void retire(String kid) {
        if (kid.equals(currentKeyId())) {
            throw new IllegalStateException("Key " + kid + " signs now; rotate before retiring it");
        }
        store.retire(kid, clock.instant());
        opened.remove(kid);
    }

    /** Creates the key for a generation unless another instance did first; answers the current kid. */
    String createGeneration(int generation) {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an EC P-256 key", e);
        }
        String sealed = sealer.seal(key.toJSONString(), context(key.getKeyID()));
        if (store.insertIfAbsent(generation, key.getKeyID(), key.toPublicJWK().toJSONString(), sealed,
                clock.instant())) {
            log.info("Created instance signing key {} (generation {})", key.getKeyID(), generation);
        }
        return store.current().orElseThrow().kid();
    }

    /** The newest key; none yet, or one past its lifetime, makes the next generation first. */
    private ECKey currentKey() {
        SigningKeyStore.KeyRow row = store.current().orElse(null);
        if (row == null || expired(row)) {
            createGeneration(row == null ? store.lastGeneration() + 1 : row.generation() + 1);
            row = store.current().orElseThrow();
        }
        SigningKeyStore.KeyRow signing = row;
        return opened.computeIfAbsent(signing.kid(), kid -> open(signing));
    }

    private boolean expired(SigningKeyStore.KeyRow row) {
        Duration lifetime = properties.keyLifetime();
        return !lifetime.isZero() && !row.created().plus(lifetime).isAfter(clock.instant());
    }

    private ECKey open(SigningKeyStore.KeyRow row) {
        try {
            return ECKey.parse(sealer.open(row.privateKeySealed(), context(row.kid())));
        } catch (ParseException e) {
            throw new IllegalStateException("Instance signing key " + row.kid() + " is not a valid JWK", e);
        }
    }

    /** Binds each sealed key to its kid: a sealed key copied to another row does not open. */
    private static String context(String kid) {
        return "instance-signing-key:" + kid;
    }
}
