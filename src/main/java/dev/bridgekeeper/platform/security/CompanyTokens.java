package dev.bridgekeeper.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bridgekeeper.platform.secrets.InstanceSecrets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Company access tokens: short-lived, HMAC-signed JWTs that let a front end (Link, connection
 * management) act for exactly one company. Nothing about them is stored; they expire on their own.
 * A Hosted Link token carries {@code scope: hosted-link} and reaches only the Link journey's endpoints.
 */
@Component
public class CompanyTokens {

    static final String ISSUER = "bridgekeeper";
    static final String AUDIENCE = "bridgekeeper-company";
    private static final String CLIENT_CLAIM = "client_id";
    private static final String SCOPE_CLAIM = "scope";
    private static final String HOSTED_LINK_SCOPE = "hosted-link";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public CompanyTokens(InstanceSecrets secrets,
            @Value("${bridgekeeper.company-token.lifetime:PT24H}") Duration lifetime, Clock clock) {
        try {
            byte[] key = secrets.tokenSigningKey();
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("The token signing key must be at least 32 bytes", e);
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public record Issued(String token, long expiresInSeconds) {}

    public Issued issue(UUID clientId, UUID companyId) {
        return issue(clientId, companyId, null);
    }

    /** A token for the Hosted Link page: it may run the Link journey for the company and call nothing else. */
    public Issued issueForHostedLink(UUID clientId, UUID companyId) {
        return issue(clientId, companyId, HOSTED_LINK_SCOPE);
    }

    private Issued issue(UUID clientId, UUID companyId, String scope) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(companyId.toString())
                .claim(CLIENT_CLAIM, clientId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        if (scope != null) {
            builder.claim(SCOPE_CLAIM, scope);
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a company token", e);
        }
        return new Issued(jwt.serialize(), lifetime.toSeconds());
    }

    /** The caller a valid token stands for; empty for anything forged, expired or malformed. */
    public Optional<Caller> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || jwt.getState() != JWSObject.State.SIGNED || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || !claims.getAudience().contains(AUDIENCE) || expiry == null
                    || !expiry.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            UUID clientId = UUID.fromString(claims.getStringClaim(CLIENT_CLAIM));
            UUID companyId = UUID.fromString(claims.getSubject());
            String scope = claims.getStringClaim(SCOPE_CLAIM);
            if (scope == null) {
                return Optional.of(Caller.withCompanyToken(clientId, companyId));
            }
            // a scope this version does not know grants nothing
            return HOSTED_LINK_SCOPE.equals(scope) ? Optional.of(Caller.withHostedLinkToken(clientId, companyId))
                    : Optional.empty();
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
