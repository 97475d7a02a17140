package dev.bridgekeeper.audit.internal;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.audit.ChainVerification;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.signing.InstanceSigner;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consent audit chain against a real PostgreSQL: appends (also racing ones) form a gapless
 * chain that verifies; an attacker with database access who changes, re-hashes, deletes or appends an entry,
 * or writes a signing key of their own, is caught and the entry named; cutting entries off the end is caught
 * against a head kept elsewhere; ordinary SQL cannot change or delete entries at all.
 */
@ApiIntegrationTest
class AuditTrailIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    InstanceSigner signer;

    @Test
    void appendsFormAGaplessChainThatVerifiesEvenWhenTheyRace() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Chain " + UUID.randomUUID());
        UUID company = createCompany(tenant);
        for (int i = 0; i < 5; i++) {
            append(tenant.clientId(), company, "consent.granted", "consent-" + i, Map.of("index", i));
        }
        int threads = 8;
        int perThread = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                racers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        append(tenant.clientId(), company, "consent.revoked", "racer-" + thread,
                                Map.of("thread", thread, "i", i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> racer : racers) {
                racer.get();
            }
        } finally {
            pool.shutdown();
        }

        List<AuditEntry> entries = entries(tenant.clientId(), company);
        int total = 5 + threads * perThread;
        assertThat(entries).extracting(AuditEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(entries.get(0).previousHash()).isEqualTo("0".repeat(64));
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
        }
        assertThat(verify(tenant.clientId(), company)).isEqualTo(ChainVerification.intact(total));
        assertThat(tenant.api().get("/companies/" + company + "/consents/audit/verify").json())
                .isEqualTo(JSON.readTree("{\"intact\":true,\"entriesChecked\":" + total + ",\"brokenSequence\":null,"
                        + "\"brokenEntryId\":null,\"problem\":null}"));
    }

    @Test
    void theHashIsTheSha256OfTheDocumentedCanonicalForm() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Canonical " + UUID.randomUUID());
        UUID company = createCompany(tenant);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zeta", "line\nbreak \"quoted\" é");
        details.put("alpha", List.of(1, true, Map.of("b", -2, "a", "x")));
        details.put("none", null);
        AuditEntry entry = append(tenant.clientId(), company, "consent.granted", "c-1", details);

        // written out by hand from docs/reference/consent-proof.md, not by the code under test
        String canonical = "[\"bridgekeeper-audit-v1\",\"" + "0".repeat(64) + "\",1,\"" + company
                + "\",\"consent.granted\",\"c-1\",{\"alpha\":[1,true,{\"a\":\"x\",\"b\":-2}],\"none\":null,"
                + "\"zeta\":\"line\\nbreak \\\"quoted\\\" é\"},\"" + ChainHash.formatRecordedAt(entry.recordedAt())
                + "\"]";
        assertThat(entry.hash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8))));
        assertThat(ChainHash.formatRecordedAt(entry.recordedAt())).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

        // and what the endpoint serves is what was hashed
        JsonNode served = tenant.api().get("/companies/" + company + "/consents/audit").json().path("results").get(0);
        assertThat(served.path("hash").asString()).isEqualTo(entry.hash());
        assertThat(served.path("details")).isEqualTo(JSON.valueToTree(details));
        assertThat(served.path("recordedAt").asString()).isEqualTo(ChainHash.formatRecordedAt(entry.recordedAt()));
    }

    @Test
    void anAuditorsOwnScriptInAnotherLanguageRecomputesTheChain() throws Exception {
        Chain chain = chainOf(2);
        Map<String, Object> tricky = new LinkedHashMap<>();
        tricky.put("text", "Zürich \"quoted\"\t\u0001 back\\slash 😀 </script>");
        tricky.put("B", Map.of("é", 1, "e", -9_007_199_254_740_991L, "Z", List.of()));
        tricky.put("a", List.of(false, Map.of()));
        append(chain.clientId(), chain.company(), "consent.granted", null, tricky);
        append(chain.clientId(), chain.company(), "consent.revoked", "consent-1", Map.of());

        JsonNode intact = auditorScript(chain, 0);
        AuditEntry last = entries(chain.clientId(), chain.company()).get(3);
        assertThat(intact).isEqualTo(JSON.readTree("{\"intact\":true,\"entriesChecked\":4,\"brokenSequence\":null,"
                + "\"brokenEntryId\":null,\"problem\":null,\"head\":{\"sequence\":4,\"hash\":\"" + last.hash()
                + "\",\"signature\":\"" + last.signature() + "\"}}"));

        UUID second = chain.entries().get(1).id();
        asAttacker("update audit_entry set details = '{\"dataTypes\":[\"everything\"]}' where id = ?", second);
        JsonNode broken = auditorScript(chain, 1);
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("brokenSequence").asLong()).isEqualTo(2);
        assertThat(broken.path("brokenEntryId").asString()).isEqualTo(second.toString());
        assertThat(broken.path("problem").asString()).startsWith("Content altered");
    }

    @Test
    void anAlteredEntryIsNamed() {
        Chain chain = chainOf(5);
        asAttacker("update audit_entry set details = '{\"dataTypes\":[\"everything\"]}' where id = ?",
                chain.entries().get(2).id());

        ChainVerification result = verify(chain.clientId(), chain.company());
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenSequence()).isEqualTo(3);
        assertThat(result.brokenEntryId()).isEqualTo(chain.entries().get(2).id());
        assertThat(result.entriesChecked()).isEqualTo(2);
        assertThat(result.problem()).startsWith("Content altered");
        JsonNode served = chain.api().get("/companies/" + chain.company() + "/consents/audit/verify").json();
        assertThat(served.path("intact").asBoolean()).isFalse();
        assertThat(served.path("brokenSequence").asLong()).isEqualTo(3);
        assertThat(served.path("brokenEntryId").asString()).isEqualTo(chain.entries().get(2).id().toString());
    }

    @Test
    void anAlteredAndReHashedEntryNoLongerMatchesItsSignature() {
        Chain chain = chainOf(5);
        AuditEntry third = chain.entries().get(2);
        JsonNode forged = JSON.readTree("{\"dataTypes\":[\"everything\"]}");
        String forgedHash = ChainHash.hash(third.previousHash(), 3, chain.company(), third.eventType(),
                third.subjectId(), forged, third.recordedAt());
        asAttacker("update audit_entry set details = cast(? as jsonb), hash = ? where id = ?", forged.toString(),
                forgedHash, third.id());

        // its signature covers the old hash, so the forgery is named itself, not only by the next entry's link
        ChainVerification result = verify(chain.clientId(), chain.company());
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenSequence()).isEqualTo(3);
        assertThat(result.brokenEntryId()).isEqualTo(third.id());
        assertThat(result.problem()).startsWith("Signature invalid");
    }

    @Test
    void aDeletedEntryIsNamedAsAGap() {
        Chain chain = chainOf(5);
        asAttacker("delete from audit_entry where id = ?", chain.entries().get(2).id());

        ChainVerification result = verify(chain.clientId(), chain.company());
        assertThat(result).isEqualTo(ChainVerification.broken(2, 3, null, "Entry missing: sequence 3 is not in the"
                + " chain; the next entry found is sequence 4 (id " + chain.entries().get(3).id() + ")."));
    }

    @Test
    void entriesCutOffTheEndAreNoticedThroughTheChainHead() {
        Chain chain = chainOf(5);
        asAttacker("delete from audit_entry where company_id = ? and sequence >= 4", chain.company());

        ChainVerification result = verify(chain.clientId(), chain.company());
        assertThat(result.intact()).isFalse();
        assertThat(result.entriesChecked()).isEqualTo(3);
        assertThat(result.brokenSequence()).isEqualTo(4);
        assertThat(result.brokenEntryId()).isNull();
        assertThat(result.problem()).startsWith("Entries missing at the end").contains("sequence 5");
    }

    @Test
    void everyEntrySignsTheHeadItMadeWithTheInstanceKey() {
        Chain chain = chainOf(3);
        for (AuditEntry entry : chain.entries()) {
            assertThat(ChainHead.check(signer.verifier(), chain.company(), entry)).isEmpty();
        }
        JsonNode served = chain.api().get("/companies/" + chain.company() + "/consents/audit").json().path("results")
                .get(2);
        assertThat(served.path("signature").asString()).isEqualTo(chain.entries().get(2).signature());
    }

    @Test
    void aCorrectlyHashedEntryAppendedStraightIntoTheDatabaseIsCaught() throws Exception {
        Chain chain = chainOf(2);
        AuditEntry forged = forgeNext(chain, null);

        ChainVerification result = verify(chain.clientId(), chain.company());
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenSequence()).isEqualTo(3);
        assertThat(result.brokenEntryId()).isEqualTo(forged.id());
        assertThat(result.problem()).startsWith("Signature missing");
        assertThat(auditorScript(chain, 1).path("problem").asString()).startsWith("Signature missing");

        // nor does an older entry's signature help: it signs another sequence and hash
        Chain other = chainOf(2);
        forgeNext(other, other.entries().get(1).signature());
        assertThat(verify(other.clientId(), other.company()).problem()).startsWith("Signature invalid")
                .contains("not this entry's");
        assertThat(auditorScript(other, 1).path("problem").asString()).startsWith("Signature invalid");
    }

    @Test
    void aSigningKeyWrittenIntoTheDatabaseIsNeitherPublishedNorTrusted() throws Exception {
        Chain chain = chainOf(2);
        ECKey rogue = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint(true).generate();
        // an older generation, so the installation does not try to sign with it
        jdbc.update("insert into instance_signing_key (generation, kid, public_jwk, private_key_sealed, created_utc)"
                + " values (-7, ?, cast(? as jsonb), 'v1.attacker.AAAA', now())", rogue.getKeyID(),
                rogue.toPublicJWK().toJSONString());
        try {
            AuditEntry next = forgeNext(chain, null);
            JWSObject head = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(rogue.getKeyID())
                    .type(new JOSEObjectType(ChainHead.TYPE)).build(), new Payload(Map.of("sub",
                    chain.company().toString(), "seq", 3, "hash", next.hash())));
            head.sign(new ECDSASigner(rogue));
            asAttacker("update audit_entry set signature = ? where id = ?", head.serialize(), next.id());

            assertThat(Api.at(port).anonymous().get("/.well-known/jwks.json").body()).doesNotContain(rogue.getKeyID());
            ChainVerification result = verify(chain.clientId(), chain.company());
            assertThat(result.brokenSequence()).isEqualTo(3);
            assertThat(result.problem()).startsWith("Signature invalid");
            assertThat(auditorScript(chain, 1).path("problem").asString()).startsWith("Signature invalid");
        } finally {
            jdbc.update("delete from instance_signing_key where kid = ?", rogue.getKeyID());
        }
    }

    @Test
    void entriesCutOffTheEndWithTheHeadRewoundAreCaughtAgainstAHeadKeptElsewhere() throws Exception {
        Chain chain = chainOf(5);
        AuditEntry kept = chain.entries().get(4);
        asAttacker("delete from audit_entry where company_id = ? and sequence >= 4", chain.company());
        asAttacker("update audit_chain set last_sequence = 3, head_hash = ? where company_id = ?",
                chain.entries().get(2).hash(), chain.company());

        // what is left is a genuine, signed chain: the database alone cannot show that it was longer
        assertThat(verify(chain.clientId(), chain.company())).isEqualTo(ChainVerification.intact(3));
        JsonNode caught = auditorScript(chain, 1, "--head", kept.sequence() + ":" + kept.hash());
        assertThat(caught.path("brokenSequence").asLong()).isEqualTo(5);
        assertThat(caught.path("problem").asString()).startsWith("Kept head missing");
        AuditEntry third = chain.entries().get(2);
        assertThat(auditorScript(chain, 0, "--head", third.sequence() + ":" + third.hash()).path("intact")
                .asBoolean()).isTrue();
    }

    /** Someone with database access appends entry n+1, hashed correctly, and moves the chain's head to it. */
    private AuditEntry forgeNext(Chain chain, String signature) {
        AuditEntry last = chain.entries().get(chain.entries().size() - 1);
        long sequence = last.sequence() + 1;
        JsonNode details = JSON.readTree("{\"dataTypes\":[\"everything\"]}");
        java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String hash = ChainHash.hash(last.hash(), sequence, chain.company(), "consent.granted", "forged", details, at);
        UUID id = UUID.randomUUID();
        jdbc.update("insert into audit_entry (id, client_id, company_id, sequence, event_type, subject_id, details,"
                + " recorded_utc, previous_hash, hash, signature) values (?, ?, ?, ?, 'consent.granted', 'forged',"
                + " cast(? as jsonb), ?, ?, ?, ?)", id, chain.clientId(), chain.company(), sequence, details.toString(),
                java.sql.Timestamp.from(at), last.hash(), hash, signature);
        jdbc.update("update audit_chain set last_sequence = ?, head_hash = ? where company_id = ?", sequence, hash,
                chain.company());
        return new AuditEntry(id, sequence, "consent.granted", "forged", details, at, last.hash(), hash, signature);
    }

    @Test
    void ordinarySqlCannotChangeOrDeleteEntries() {
        Chain chain = chainOf(3);
        UUID second = chain.entries().get(1).id();
        assertRefused(() -> jdbc.update("update audit_entry set details = '{}' where id = ?", second),
                "entries cannot be changed");
        assertRefused(() -> jdbc.update("delete from audit_entry where id = ?", second), "entries cannot be deleted");
        assertRefused(() -> jdbc.update("truncate audit_entry"), "cannot be truncated");
        // the purge switch does nothing while the company exists
        assertRefused(() -> transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("select set_config('bridgekeeper.audit_purge', ?, true)", String.class,
                    chain.company().toString());
            jdbc.update("delete from audit_entry where company_id = ?", chain.company());
        }), "entries cannot be deleted");

        assertThat(entries(chain.clientId(), chain.company())).isEqualTo(chain.entries());
        assertThat(verify(chain.clientId(), chain.company())).isEqualTo(ChainVerification.intact(3));
    }

    @Test
    void anAppendRolledBackWithItsTransactionLeavesNoGap() {
        Chain chain = chainOf(2);
        transactions.executeWithoutResult(status -> {
            append(chain.clientId(), chain.company(), "consent.granted", "rolled-back", Map.of());
            status.setRollbackOnly();
        });
        AuditEntry next = append(chain.clientId(), chain.company(), "consent.granted", "kept", Map.of());
        assertThat(next.sequence()).isEqualTo(3);
        assertThat(next.previousHash()).isEqualTo(chain.entries().get(1).hash());
        assertThat(verify(chain.clientId(), chain.company())).isEqualTo(ChainVerification.intact(3));
    }

    @Test
    void detailsTheCanonicalFormCannotCarryAreRefusedBeforeAnythingIsWritten() {
        Chain chain = chainOf(1);
        assertThatThrownBy(() -> append(chain.clientId(), chain.company(), "consent.granted", "x",
                Map.of("share", 0.5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("details.share");
        assertThatThrownBy(() -> append(chain.clientId(), chain.company(), "consent.granted", "x",
                Map.of("big", 1L << 53))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^53");
        assertThatThrownBy(() -> append(chain.clientId(), chain.company(), "consent.granted", "x",
                Map.of("text", "a\0b"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> append(chain.clientId(), chain.company(), "consent.granted", "a\0b", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> append(chain.clientId(), chain.company(), " ", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event type");
        assertThat(entries(chain.clientId(), chain.company())).isEqualTo(chain.entries());
        assertThat(jdbc.queryForObject("select last_sequence from audit_chain where company_id = ?", Long.class,
                chain.company())).isEqualTo(1L);
    }

    @Test
    void noChainIsStartedForACompanyThatIsNotTheClients() {
        Chain chain = chainOf(1);
        Tenant other = Tenant.create(jdbc, port, "Other " + UUID.randomUUID());
        UUID otherCompany = createCompany(other);
        UUID nowhere = UUID.randomUUID();
        assertThatThrownBy(() -> append(chain.clientId(), otherCompany, "consent.granted", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(otherCompany.toString());
        assertThatThrownBy(() -> append(chain.clientId(), nowhere, "consent.granted", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(nowhere.toString());
        // nor can another client write into an existing chain
        assertThatThrownBy(() -> append(other.clientId(), chain.company(), "consent.granted", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.queryForObject("select count(*) from audit_chain where company_id in (?, ?)", Integer.class,
                otherCompany, nowhere)).isZero();
        assertThat(entries(chain.clientId(), chain.company())).isEqualTo(chain.entries());
    }

    @Test
    void aDeletedCompanysChainIsKeptClosedAndStillVerifiable() {
        Chain chain = chainOf(2);
        assertThat(chain.api().delete("/companies/" + chain.company()).status()).isEqualTo(204);
        assertError(chain.api().get("/companies/" + chain.company()), 404);

        JsonNode page = chain.api().get("/companies/" + chain.company() + "/consents/audit").json();
        assertThat(page.path("totalResults").asLong()).isEqualTo(3);
        JsonNode last = page.path("results").get(2);
        assertThat(last.path("eventType").asString()).isEqualTo("company.deleted");
        assertThat(last.path("subjectId").asString()).isEqualTo(chain.company().toString());
        assertThat(chain.api().get("/companies/" + chain.company() + "/consents/audit/verify").json()
                .path("intact").asBoolean()).isTrue();

        // an operator may purge the whole chain of a deleted company, deliberately
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("select set_config('bridgekeeper.audit_purge', ?, true)", String.class,
                    chain.company().toString());
            jdbc.update("delete from audit_entry where company_id = ?", chain.company());
            jdbc.update("delete from audit_chain where company_id = ?", chain.company());
        });
        assertError(chain.api().get("/companies/" + chain.company() + "/consents/audit"), 404);
    }

    @Test
    void deletingTheClientTakesItsChainsWithIt() {
        Chain chain = chainOf(3);
        assertThat(jdbc.update("delete from client where id = ?", chain.clientId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where client_id = ?", Integer.class,
                chain.clientId())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_chain where client_id = ?", Integer.class,
                chain.clientId())).isZero();
    }

    @Test
    void aCompanyWithoutConsentEventsHasAnEmptyIntactChainAndGetsNoneOnDeletion() {
        Tenant tenant = Tenant.create(jdbc, port, "Empty " + UUID.randomUUID());
        UUID company = createCompany(tenant);
        JsonNode page = tenant.api().get("/companies/" + company + "/consents/audit").json();
        assertThat(page.path("results").size()).isZero();
        assertThat(page.path("totalResults").asLong()).isZero();
        assertThat(tenant.api().get("/companies/" + company + "/consents/audit/verify").json())
                .isEqualTo(JSON.readTree("{\"intact\":true,\"entriesChecked\":0,\"brokenSequence\":null,"
                        + "\"brokenEntryId\":null,\"problem\":null}"));
        assertThat(tenant.api().delete("/companies/" + company).status()).isEqualTo(204);
        assertError(tenant.api().get("/companies/" + company + "/consents/audit"), 404);
    }

    @Test
    void theListIsPagedInSequenceOrder() {
        Chain chain = chainOf(5);
        JsonNode page = chain.api().get("/companies/" + chain.company() + "/consents/audit?page=2&pageSize=2").json();
        assertThat(page.path("pageNumber").asInt()).isEqualTo(2);
        assertThat(page.path("pageSize").asInt()).isEqualTo(2);
        assertThat(page.path("totalResults").asLong()).isEqualTo(5);
        assertThat(page.path("results").valueStream().map(e -> e.path("sequence").asLong()).toList())
                .containsExactly(3L, 4L);
        assertThat(page.path("results").get(0).path("id").asString())
                .isEqualTo(chain.entries().get(2).id().toString());
        assertThat(page.path("_links").path("next").path("href").asString())
                .isEqualTo("/companies/" + chain.company() + "/consents/audit?page=3&pageSize=2");
        assertError(chain.api().get("/companies/" + chain.company() + "/consents/audit?pageSize=0"), 400);
    }

    @Test
    void theEndpointsNeedAKeyAndShowNoOtherClientsChain() {
        Chain chain = chainOf(2);
        Tenant other = Tenant.create(jdbc, port, "Other " + UUID.randomUUID());
        for (String path : List.of("/consents/audit", "/consents/audit/verify")) {
            assertError(Api.at(port).anonymous().get("/companies/" + chain.company() + path), 401);
            assertError(other.api().get("/companies/" + chain.company() + path), 404);
            assertError(chain.api().get("/companies/" + UUID.randomUUID() + path), 404);
        }
        assertThat(verify(other.clientId(), chain.company())).isEqualTo(ChainVerification.intact(0));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable sql, String why) {
        assertThatThrownBy(sql).isInstanceOf(DataAccessException.class).satisfies(e -> assertThat(
                ((DataAccessException) e).getMostSpecificCause().getMessage()).contains("audit_entry is append-only")
                .contains(why));
    }

    /** Runs tools/verify-audit-chain.mjs (Node, no dependencies) against the served chain. */
    private JsonNode auditorScript(Chain chain, int expectedExit, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "tools/verify-audit-chain.mjs"));
        command.addAll(List.of(options));
        command.addAll(List.of("http://127.0.0.1:" + port, chain.company().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BRIDGEKEEPER_AUTHORIZATION", chain.api().authorization());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isEqualTo(expectedExit);
        return JSON.readTree(out);
    }

    /** A tenant, a company and n appended entries. */
    record Chain(UUID clientId, Api api, UUID company, List<AuditEntry> entries) {}

    private Chain chainOf(int n) {
        Tenant tenant = Tenant.create(jdbc, port, "Chain " + UUID.randomUUID());
        UUID company = createCompany(tenant);
        for (int i = 1; i <= n; i++) {
            append(tenant.clientId(), company, "consent.granted", "consent-" + i,
                    Map.of("dataTypes", List.of("invoices"), "version", i));
        }
        return new Chain(tenant.clientId(), tenant.api(), company, entries(tenant.clientId(), company));
    }

    /**
     * Someone with superuser access to the database: replica mode switches the append-only trigger off
     * for this transaction only, as a malicious administrator could.
     */
    private void asAttacker(String sql, Object... args) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("set local session_replication_role = replica");
            assertThat(jdbc.update(sql, args)).isPositive();
        });
    }

    private static UUID createCompany(Tenant tenant) {
        Api.Response created = tenant.api().post("/companies", "{\"name\":\"Audited Ltd\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return UUID.fromString(created.json().path("id").asString());
    }

    // the front door takes typed ids; these tests keep the UUIDs the API and SQL give them
    private AuditEntry append(UUID clientId, UUID companyId, String eventType, String subjectId,
            Map<String, Object> details) {
        return trail.append(ClientId.of(clientId), CompanyId.of(companyId), eventType, subjectId, details);
    }

    private List<AuditEntry> entries(UUID clientId, UUID companyId) {
        return trail.entries(ClientId.of(clientId), CompanyId.of(companyId));
    }

    private ChainVerification verify(UUID clientId, UUID companyId) {
        return trail.verify(ClientId.of(clientId), CompanyId.of(companyId));
    }

}
