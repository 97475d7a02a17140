package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.platform.signing.InstanceSigner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed statement "company C's chain reached sequence N with hash H", made by the installation's key at every
 * append. The key's private half is sealed with the encryption key, which lives in configuration, so someone who
 * can only write to the database cannot sign a head: an entry they append or a chain they re-hash has no valid
 * signature on its last entry. Because each hash covers the one before, one signed head vouches for its whole prefix.
 */
final class ChainHead {

    static final String TYPE = "audit-chain-head+jwt";

    private ChainHead() {}

    static String sign(InstanceSigner signer, UUID companyId, long sequence, String hash) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", companyId.toString());
        claims.put("seq", sequence);
        claims.put("hash", hash);
        return signer.sign(claims, TYPE);
    }

    /** Empty when the entry's signature is the installation's over its company, sequence and hash; else what is wrong. */
    static Optional<String> check(InstanceSigner.Verifier verifier, UUID companyId, AuditEntry entry) {
        Optional<Map<String, Object>> claims = verifier.verify(entry.signature(), TYPE);
        if (claims.isEmpty()) {
            return Optional.of("it is not a JWS of type " + TYPE + " signed by one of this installation's keys");
        }
        Map<String, Object> c = claims.get();
        boolean matches = companyId.toString().equals(c.get("sub")) && c.get("seq") instanceof Number seq
                && seq.longValue() == entry.sequence() && entry.hash().equals(c.get("hash"));
        return matches ? Optional.empty()
                : Optional.of("it signs " + c + ", not this entry's company, sequence and hash");
    }
}
