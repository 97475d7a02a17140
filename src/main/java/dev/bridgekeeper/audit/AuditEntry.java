package dev.bridgekeeper.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One link of a company's audit chain. {@code hash} is the SHA-256 (lowercase hex) of the entry's
 * canonical form, which includes {@code previousHash}: see {@code ChainHash} and docs/reference/consent-proof.md.
 * {@code signature} is the installation's signature over the chain head the entry made (see {@code ChainHead}).
 */
public record AuditEntry(
        UUID id,
        @Schema(description = "Position in the company's chain: 1, 2, 3… without gaps.") long sequence,
        @Schema(description = "What happened, e.g. consent.granted.") String eventType,
        @Schema(description = "What it happened to, e.g. the consent record's id.") String subjectId,
        @Schema(description = "Facts of the event, as hashed: a JSON object.") JsonNode details,
        @Schema(description = "When it was recorded: UTC with exactly six fractional digits, as hashed.")
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
        Instant recordedAt,
        @Schema(description = "The hash of the entry before; 64 zeros for the first entry.") String previousHash,
        @Schema(description = "SHA-256 (hex) of this entry's canonical form.") String hash,
        @Schema(description = "The chain head this entry made, signed by the installation: a compact JWS (ES256, typ"
                + " audit-chain-head+jwt) over {sub: companyId, seq: sequence, hash}, verifiable against"
                + " /.well-known/jwks.json. Null only for entries written before chains were signed.")
        String signature) {}
