package dev.bridgekeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.audit.AuditEntry;
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
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bridgekeeper.audit.ChainVerification;
import dev.bridgekeeper.platform.signing.InstanceSigner;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each kind of break is named with the right entry, signatures included; an untouched chain passes whole. */
class ChainVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID COMPANY = UUID.randomUUID();
    private static final UUID CLIENT = UUID.randomUUID();
    private static final TestSigner SIGNER = new TestSigner();

    @Test
    void anUntouchedChainIsIntact() {
        List<AuditEntry> chain = chain(4);
        assertThat(verify(chain, head(chain))).isEqualTo(ChainVerification.intact(4));
        assertThat(verify(List.of(), Optional.empty())).isEqualTo(ChainVerification.intact(0));
    }

    @Test
    void aRepeatedSequenceIsAnEntryOutsideTheChain() {
        List<AuditEntry> chain = new ArrayList<>(chain(3));
        chain.add(2, chain.get(1));
        ChainVerification result = verify(chain, head(chain(3)));
        assertThat(result.brokenSequence()).isEqualTo(2);
        assertThat(result.problem()).startsWith("Entry outside the chain");
    }

    @Test
    void aFirstEntryThatDoesNotStartFromGenesisBreaksTheLink() {
        AuditEntry first = chain(1).get(0);
        String hash = ChainHash.hash("f".repeat(64), 1, COMPANY, first.eventType(), first.subjectId(), first.details(),
                first.recordedAt());
        AuditEntry forged = new AuditEntry(first.id(), 1, first.eventType(), first.subjectId(), first.details(),
                first.recordedAt(), "f".repeat(64), hash, ChainHead.sign(SIGNER, COMPANY, 1, hash));
        ChainVerification result = verify(List.of(forged), Optional.of(new AuditStore.Head(CLIENT, 1, hash)));
        assertThat(result.brokenEntryId()).isEqualTo(first.id());
        assertThat(result.problem()).startsWith("Link broken").contains("chain's start");
    }

    @Test
    void entriesBeyondTheHeadWereWrittenAroundTheTrail() {
        List<AuditEntry> chain = chain(3);
        ChainVerification result = verify(chain, head(chain.subList(0, 2)));
        assertThat(result.brokenSequence()).isEqualTo(3);
        assertThat(result.problem()).startsWith("Entry outside the chain");
    }

    @Test
    void aHeadThatDisagreesWithTheLastHashIsNamed() {
        List<AuditEntry> chain = chain(2);
        ChainVerification result = verify(chain, Optional.of(new AuditStore.Head(CLIENT, 2, "a".repeat(64))));
        assertThat(result.brokenSequence()).isEqualTo(2);
        assertThat(result.brokenEntryId()).isEqualTo(chain.get(1).id());
        assertThat(result.problem()).startsWith("Chain head altered");
    }

    @Test
    void severalMissingEntriesAreNamedAsARange() {
        List<AuditEntry> chain = new ArrayList<>(chain(6));
        chain.subList(1, 4).clear();
        ChainVerification result = verify(chain, head(chain(6)));
        assertThat(result.entriesChecked()).isEqualTo(1);
        assertThat(result.brokenSequence()).isEqualTo(2);
        assertThat(result.problem()).startsWith("Entry missing: sequence 2 to 4 is not in the chain");
    }

    @Test
    void aChainWithoutSignaturesIsNotVouchedFor() {
        List<AuditEntry> chain = new ArrayList<>(chain(3));
        chain.replaceAll(e -> signed(e, null));
        ChainVerification result = verify(chain, head(chain));
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenSequence()).isEqualTo(3);
        assertThat(result.problem()).startsWith("Head not signed");
    }

    @Test
    void anUnsignedEntryAfterASignedOneWasWrittenAroundTheTrail() {
        List<AuditEntry> chain = new ArrayList<>(chain(3));
        chain.set(1, signed(chain.get(1), null));
        ChainVerification result = verify(chain, head(chain));
        assertThat(result.brokenSequence()).isEqualTo(2);
        assertThat(result.problem()).startsWith("Signature missing");
    }

    @Test
    void entriesFromBeforeSigningAreVouchedForByTheSignedHeadAfterThem() {
        List<AuditEntry> chain = new ArrayList<>(chain(3));
        chain.set(0, signed(chain.get(0), null));
        chain.set(1, signed(chain.get(1), null));
        assertThat(verify(chain, head(chain))).isEqualTo(ChainVerification.intact(3));
    }

    @Test
    void aSignatureByAnotherKeyOrOverAnotherHeadIsInvalid() {
        List<AuditEntry> chain = new ArrayList<>(chain(2));
        TestSigner stranger = new TestSigner();
        chain.set(1, signed(chain.get(1), ChainHead.sign(stranger, COMPANY, 2, chain.get(1).hash())));
        ChainVerification result = verify(chain, head(chain));
        assertThat(result.brokenSequence()).isEqualTo(2);
        assertThat(result.problem()).startsWith("Signature invalid");

        List<AuditEntry> moved = new ArrayList<>(chain(2));
        moved.set(1, signed(moved.get(1), ChainHead.sign(SIGNER, COMPANY, 3, moved.get(1).hash())));
        assertThat(verify(moved, head(moved)).problem()).startsWith("Signature invalid").contains("not this entry's");
        List<AuditEntry> elsewhere = new ArrayList<>(chain(2));
        elsewhere.set(1, signed(elsewhere.get(1), ChainHead.sign(SIGNER, UUID.randomUUID(), 2,
                elsewhere.get(1).hash())));
        assertThat(verify(elsewhere, head(elsewhere)).problem()).startsWith("Signature invalid");
    }

    private static AuditEntry signed(AuditEntry e, String signature) {
        return new AuditEntry(e.id(), e.sequence(), e.eventType(), e.subjectId(), e.details(), e.recordedAt(),
                e.previousHash(), e.hash(), signature);
    }

    /** An ES256 signer with a key of its own, checking only its own signatures, as the installation's does. */
    static final class TestSigner implements InstanceSigner {

        private final ECKey key;

        TestSigner() {
            try {
                key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String sign(Map<String, Object> claims, String type) {
            try {
                JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                        .type(new JOSEObjectType(type)).build(), new Payload(JSON.writeValueAsString(claims)));
                jws.sign(new ECDSASigner(key));
                return jws.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String currentKeyId() {
            return key.getKeyID();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Verifier verifier() {
            return (compact, type) -> {
                try {
                    JWSObject jws = JWSObject.parse(compact);
                    boolean ok = key.getKeyID().equals(jws.getHeader().getKeyID())
                            && type.equals(jws.getHeader().getType().getType())
                            && jws.verify(new ECDSAVerifier(key.toECPublicKey()));
                    return ok ? Optional.of((Map<String, Object>) JSON.readValue(jws.getPayload().toString(),
                            Map.class)) : Optional.empty();
                } catch (ParseException | JOSEException e) {
                    return Optional.empty();
                }
            };
        }
    }

    private static ChainVerification verify(List<AuditEntry> entries, Optional<AuditStore.Head> head) {
        ChainVerifier verifier = new ChainVerifier(COMPANY, SIGNER.verifier());
        entries.forEach(verifier::accept);
        return verifier.result(head);
    }

    private static Optional<AuditStore.Head> head(List<AuditEntry> chain) {
        AuditEntry last = chain.get(chain.size() - 1);
        return Optional.of(new AuditStore.Head(CLIENT, last.sequence(), last.hash()));
    }

    private static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        Instant at = Instant.parse("2026-05-01T09:30:00.123456Z");
        for (int i = 1; i <= n; i++) {
            var details = JSON.readTree("{\"i\":" + i + "}");
            String hash = ChainHash.hash(previous, i, COMPANY, "consent.granted", "c" + i, details, at);
            entries.add(new AuditEntry(new UUID(0, i), i, "consent.granted", "c" + i, details, at, previous, hash,
                    ChainHead.sign(SIGNER, COMPANY, i, hash)));
            previous = hash;
        }
        return entries;
    }
}
