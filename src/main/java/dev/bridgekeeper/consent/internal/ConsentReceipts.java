package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentRecord;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.signing.InstanceSigner;
import dev.bridgekeeper.platform.web.PublicUrl;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Consent receipts: the record's facts signed with the instance's key (JWS, ES256), so the customer or a
 * regulator can check what was agreed against {@code /.well-known/jwks.json} without trusting the database.
 * The text itself is represented by its SHA-256; whoever holds the text can prove it is the one agreed to.
 */
@Component
class ConsentReceipts {

    static final String TYPE = "consent-receipt+jwt";

    /** A signed receipt with the key that signed it and where its public half is published. */
    record Receipt(String consentId, String receipt, String keyId, String jwksUri) {}

    private final InstanceSigner signer;
    private final ProductCatalog products;
    private final PublicUrl publicUrl;
    private final Clock clock;

    ConsentReceipts(InstanceSigner signer, ProductCatalog products, PublicUrl publicUrl, Clock clock) {
        this.signer = signer;
        this.products = products;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    Receipt issue(UUID clientId, ConsentRecord consent) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", consent.id());
        facts.put("productIdentifier", consent.productIdentifier());
        Product product = products.find(consent.productIdentifier()).orElse(null);
        if (product != null) {
            facts.put("productName", product.name());
            facts.put("purpose", product.purpose());
        }
        facts.put("sourceType", consent.sourceType());
        facts.put("connectionIds", consent.connectionIds());
        facts.put("dataTypes", consent.dataTypes());
        facts.put("textSha256", consent.textSha256());
        facts.put("textVersion", consent.textVersion());
        facts.put("locale", consent.locale());
        facts.put("channel", consent.channel().name());
        facts.put("grantedAt", consent.grantedAt().toString());
        facts.put("expiresAt", consent.expiresAt().toString());
        facts.put("status", consent.status().name());
        if (consent.revokedAt() != null) {
            facts.put("revokedAt", consent.revokedAt().toString());
            facts.put("revokedBy", consent.revokedBy());
        }
        List<String> reconfirmed = consent.reconfirmations().stream().map(r -> r.reconfirmedAt().toString()).toList();
        facts.put("reconfirmedAt", reconfirmed);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", publicUrl.base());
        claims.put("sub", consent.companyId());
        claims.put("aud", clientId.toString());
        claims.put("iat", clock.instant().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("consent", facts);
        return new Receipt(consent.id(), signer.sign(claims, TYPE), signer.currentKeyId(),
                publicUrl.resolve("/.well-known/jwks.json"));
    }
}
