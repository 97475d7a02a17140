package dev.bridgekeeper.consent.internal;

import com.nimbusds.jose.JWSObject;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.signing.InstanceSigner;
import dev.bridgekeeper.platform.web.PublicUrl;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Consent receipts: what was granted, signed with the instance's key (JWS, ES256) when it was granted and kept,
 * so the customer or a regulator can check it against {@code /.well-known/jwks.json} without trusting the
 * database. A read returns the receipt as signed then, never a new signature over what the table says now. The
 * text itself is represented by its SHA-256; whoever holds the text can prove it is the one agreed to.
 */
@Component
class ConsentReceipts {

    static final String TYPE = "consent-receipt+jwt";

    /** A signed receipt with the key that signed it and where its public half is published. */
    record Receipt(String consentId, String receipt, String keyId, String jwksUri) {}

    private final InstanceSigner signer;
    private final ConsentStore store;
    private final PublicUrl publicUrl;
    private final Clock clock;

    ConsentReceipts(InstanceSigner signer, ConsentStore store, PublicUrl publicUrl, Clock clock) {
        this.signer = signer;
        this.store = store;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Signs the consent as it is being granted and keeps the receipt with it, in the granting transaction. */
    void issue(ClientId clientId, Consent consent, Product product) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", consent.id().toString());
        facts.put("productIdentifier", consent.productIdentifier());
        if (product != null) {
            facts.put("productName", product.name());
            facts.put("purpose", product.purpose());
        }
        facts.put("sourceType", consent.sourceType());
        facts.put("connectionIds", consent.connectionIds().stream().map(Object::toString).toList());
        facts.put("dataTypes", consent.dataTypes());
        facts.put("textSha256", consent.textSha256());
        facts.put("textVersion", consent.textVersion());
        facts.put("locale", consent.locale());
        facts.put("channel", consent.channel().name());
        // who granted: the credential, and whom it speaks for (a company token, the company; an API key, the client)
        facts.put("grantedBy", consent.grantedBy());
        facts.put("grantedBySubject", "CompanyToken".equals(consent.grantedBy()) ? consent.companyId().toString()
                : clientId.toString());
        facts.put("grantedAt", consent.grantedAt().toString());
        facts.put("expiresAt", consent.expiresAt().toString());
        facts.put("status", consent.status().name());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", publicUrl.base());
        claims.put("sub", consent.companyId().toString());
        claims.put("aud", clientId.toString());
        claims.put("iat", clock.instant().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("consent", facts);
        String receipt = signer.sign(claims, TYPE);
        store.insertReceipt(consent.id().value(), receipt, keyId(receipt), clock.instant());
    }

    /** The kid in the receipt's header: the key that signed it, even if another started signing meanwhile. */
    private static String keyId(String receipt) {
        try {
            return JWSObject.parse(receipt).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException("The instance signer returned no compact JWS", e);
        }
    }

    /** The receipt signed when the consent was granted; a 404 for a record granted before receipts were kept. */
    Receipt stored(Consent consent) {
        ConsentStore.StoredReceipt stored = store.receipt(consent.id().value()).orElseThrow(() ->
                ApiException.notFound("Consent " + consent.id() + " was recorded before Bridgekeeper kept receipts"
                        + " at grant time; its history is in the company's audit chain."));
        return new Receipt(consent.id().toString(), stored.receipt(), stored.keyId(),
                publicUrl.resolve("/.well-known/jwks.json"));
    }
}
