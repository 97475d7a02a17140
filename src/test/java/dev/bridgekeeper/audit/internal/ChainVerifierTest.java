package dev.bridgekeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.audit.ChainVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each kind of break is named with the right entry; an untouched chain passes whole. */
class ChainVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID COMPANY = UUID.randomUUID();
    private static final UUID CLIENT = UUID.randomUUID();

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
                first.recordedAt(), "f".repeat(64), hash);
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

    private static ChainVerification verify(List<AuditEntry> entries, Optional<AuditStore.Head> head) {
        ChainVerifier verifier = new ChainVerifier(COMPANY);
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
            entries.add(new AuditEntry(new UUID(0, i), i, "consent.granted", "c" + i, details, at, previous, hash));
            previous = hash;
        }
        return entries;
    }
}
