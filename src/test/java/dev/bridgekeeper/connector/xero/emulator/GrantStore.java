package dev.bridgekeeper.connector.xero.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The emulated identity server's state: pending authorizations, codes, grants (one per code exchange) with their
 * refresh-token lineage, access tokens, and each user's connections to each app. Every method is synchronized;
 * the identity server is not where a benchmark spends its time.
 */
final class GrantStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RSAKey SIGNING_KEY = newKey();

    /** An authorize request waiting for the user to sign in and consent. */
    static final class Pending {
        final String id = randomHex(16);
        final XeroApp app;
        final String redirectUri;
        final Set<String> scopes;
        final String state;
        final String codeChallenge;
        final String nonce;
        XeroUser user;

        Pending(XeroApp app, String redirectUri, Set<String> scopes, String state, String codeChallenge, String nonce) {
            this.app = app;
            this.redirectUri = redirectUri;
            this.scopes = scopes;
            this.state = state;
            this.codeChallenge = codeChallenge;
            this.nonce = nonce;
        }
    }

    /** A code handed to the redirect URI. */
    static final class Code {
        final String value = randomHex(32);
        final XeroApp app;
        final XeroUser user;
        final Set<String> scopes;
        final UUID authEventId;
        final String redirectUri;
        final String codeChallenge;
        final String nonce;
        final Instant issuedAt;
        boolean used;
        Grant grant;

        Code(Pending p, Set<String> scopes, UUID authEventId, Instant issuedAt) {
            this.app = p.app;
            this.user = p.user;
            this.scopes = scopes;
            this.authEventId = authEventId;
            this.redirectUri = p.redirectUri;
            this.codeChallenge = p.codeChallenge;
            this.nonce = p.nonce;
            this.issuedAt = issuedAt;
        }
    }

    /** One user's connection of one organisation to one app (GET /connections lists these). */
    static final class Connection {
        final UUID id = UUID.randomUUID();
        final UUID tenantId;
        final String tenantName;
        final Instant createdAt;
        UUID authEventId;
        Instant updatedAt;

        Connection(UUID tenantId, String tenantName, UUID authEventId, Instant at) {
            this.tenantId = tenantId;
            this.tenantName = tenantName;
            this.authEventId = authEventId;
            this.createdAt = at;
            this.updatedAt = at;
        }
    }

    /** What a user has granted an app: scopes (additive across flows) and connected organisations. */
    static final class Consent {
        final XeroUser user;
        final XeroApp app;
        final Set<String> scopes = new LinkedHashSet<>();
        final List<Connection> connections = new ArrayList<>();

        Consent(XeroUser user, XeroApp app) {
            this.user = user;
            this.app = app;
        }
    }

    /** The tokens born from one code exchange. */
    static final class Grant {
        final String id = randomHex(8);
        final XeroApp app;
        final XeroUser user;
        final Set<String> scopes;
        final UUID authEventId;
        final String sessionId = UUID.randomUUID().toString();
        final List<RefreshToken> lineage = new ArrayList<>();
        boolean revoked;

        Grant(XeroApp app, XeroUser user, Set<String> scopes, UUID authEventId) {
            this.app = app;
            this.user = user;
            this.scopes = scopes;
            this.authEventId = authEventId;
        }
    }

    static final class RefreshToken {
        final String value = randomHex(32);
        final Grant grant;
        final RefreshToken parent;
        final int generation;
        final Instant issuedAt;
        Instant firstUsedAt;
        int uses;

        RefreshToken(Grant grant, RefreshToken parent, Instant issuedAt) {
            this.grant = grant;
            this.parent = parent;
            this.generation = parent == null ? 0 : parent.generation + 1;
            this.issuedAt = issuedAt;
        }
    }

    static final class AccessToken {
        final String jti = UUID.randomUUID().toString();
        final Grant grant;
        Instant expiresAt;
        String value;

        AccessToken(Grant grant, Instant expiresAt) {
            this.grant = grant;
            this.expiresAt = expiresAt;
        }
    }

    private final Clock clock;
    private final TokenPolicy policy;
    private final String issuer;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Code> codes = new LinkedHashMap<>();
    private final Map<String, Consent> consents = new LinkedHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new LinkedHashMap<>();
    private final Map<String, AccessToken> accessTokens = new LinkedHashMap<>();
    private final List<Grant> grants = new ArrayList<>();

    GrantStore(Clock clock, TokenPolicy policy, String issuer) {
        this.clock = clock;
        this.policy = policy;
        this.issuer = issuer;
    }

    static RSAKey signingKey() {
        return SIGNING_KEY;
    }

    // ---- authorize ----

    synchronized Pending open(XeroApp app, String redirectUri, Set<String> scopes, String state, String challenge,
            String nonce) {
        Pending p = new Pending(app, redirectUri, scopes, state, challenge, nonce);
        pending.put(p.id, p);
        return p;
    }

    synchronized Pending pending(String id) {
        return id == null ? null : pending.get(id);
    }

    /** The user allowed access to these organisations: connections are made or renewed, and a code issued. */
    synchronized Code allow(Pending p, List<XeroOrganisation> organisations) {
        pending.remove(p.id);
        Instant now = clock.instant();
        UUID authEventId = UUID.randomUUID();
        Consent consent = consent(p.user, p.app);
        consent.scopes.addAll(p.scopes);
        for (XeroOrganisation org : organisations) {
            Optional<Connection> existing = consent.connections.stream().filter(c -> c.tenantId.equals(org.tenantId()))
                    .findFirst();
            if (existing.isPresent()) {
                existing.get().authEventId = authEventId;
                existing.get().updatedAt = now;
            } else {
                consent.connections.add(new Connection(org.tenantId(), org.name(), authEventId, now));
            }
        }
        Code code = new Code(p, new LinkedHashSet<>(consent.scopes), authEventId, now);
        codes.put(code.value, code);
        return code;
    }

    synchronized void deny(Pending p) {
        pending.remove(p.id);
    }

    private Consent consent(XeroUser user, XeroApp app) {
        return consents.computeIfAbsent(user.userId() + "/" + app.clientId(), k -> new Consent(user, app));
    }

    // ---- token ----

    /** Outcome of a token request: tokens, or an OAuth error code with a description. */
    record Issued(AccessToken access, RefreshToken refresh, String idToken, String error, String description) {

        static Issued error(String error, String description) {
            return new Issued(null, null, null, error, description);
        }
    }

    synchronized Issued exchange(XeroApp app, String codeValue, String redirectUri, String verifier) {
        Code code = codeValue == null ? null : codes.get(codeValue);
        if (code == null || !code.app.clientId().equals(app.clientId())) {
            return Issued.error("invalid_grant", "unknown authorization code");
        }
        if (code.used) {
            // a replayed code also kills what it produced (RFC 6749 section 4.1.2)
            if (code.grant != null) {
                revokeGrant(code.grant);
            }
            return Issued.error("invalid_grant", "authorization code already used");
        }
        code.used = true;
        if (clock.instant().isAfter(code.issuedAt.plus(policy.authorizationCode()))) {
            return Issued.error("invalid_grant", "authorization code expired");
        }
        if (!code.redirectUri.equals(redirectUri)) {
            return Issued.error("invalid_grant", "redirect_uri does not match the authorize request");
        }
        if (code.codeChallenge != null && !code.codeChallenge.equals(Pkce.s256(verifier))) {
            return Issued.error("invalid_grant", "code_verifier does not match the code_challenge");
        }
        if (code.codeChallenge == null && verifier != null) {
            return Issued.error("invalid_grant", "code_verifier sent but no code_challenge was");
        }
        Grant grant = new Grant(app, code.user, code.scopes, code.authEventId);
        grants.add(grant);
        code.grant = grant;
        RefreshToken refresh = grant.scopes.contains("offline_access") ? newRefreshToken(grant, null) : null;
        String idToken = grant.scopes.contains("openid") ? idToken(grant, code.nonce) : null;
        return new Issued(newAccessToken(grant), refresh, idToken, null, null);
    }

    synchronized Issued refresh(XeroApp app, String value) {
        RefreshToken token = value == null ? null : refreshTokens.get(value);
        Instant now = clock.instant();
        if (token == null || !token.grant.app.clientId().equals(app.clientId())) {
            return Issued.error("invalid_grant", "unknown refresh token");
        }
        if (token.grant.revoked) {
            return Issued.error("invalid_grant", "refresh token revoked");
        }
        if (token.firstUsedAt == null && now.isAfter(token.issuedAt.plus(policy.refreshTokenUnused()))) {
            return Issued.error("invalid_grant", "refresh token expired (unused for "
                    + policy.refreshTokenUnused().toDays() + " days)");
        }
        if (token.firstUsedAt != null && now.isAfter(token.firstUsedAt.plus(policy.refreshGrace()))) {
            return Issued.error("invalid_grant", "refresh token already used and its grace period has passed");
        }
        if (token.firstUsedAt == null) {
            token.firstUsedAt = now;
        }
        token.uses++;
        Grant grant = token.grant;
        RefreshToken next = newRefreshToken(grant, token);
        String idToken = grant.scopes.contains("openid") ? idToken(grant, null) : null;
        return new Issued(newAccessToken(grant), next, idToken, null, null);
    }

    /** RFC 7009 revocation of a refresh token: its grant dies and the user's connections to the app are removed. */
    synchronized boolean revoke(XeroApp app, String value) {
        RefreshToken token = refreshTokens.get(value);
        if (token == null || !token.grant.app.clientId().equals(app.clientId())) {
            return false;
        }
        revokeGrant(token.grant);
        consent(token.grant.user, app).connections.clear();
        return true;
    }

    /** The user disconnects the app inside Xero: every grant dies and every connection goes. */
    synchronized void disconnectApp(XeroUser user, XeroApp app) {
        grants.stream().filter(g -> g.user.equals(user) && g.app.clientId().equals(app.clientId()))
                .forEach(this::revokeGrant);
        consent(user, app).connections.clear();
    }

    private void revokeGrant(Grant grant) {
        grant.revoked = true;
    }

    /** Every access token issued so far expires now (the next API call with one gets 401). */
    synchronized void expireAccessTokens() {
        Instant now = clock.instant();
        accessTokens.values().forEach(t -> t.expiresAt = now);
    }

    private RefreshToken newRefreshToken(Grant grant, RefreshToken parent) {
        RefreshToken token = new RefreshToken(grant, parent, clock.instant());
        grant.lineage.add(token);
        refreshTokens.put(token.value, token);
        return token;
    }

    private AccessToken newAccessToken(Grant grant) {
        Instant now = clock.instant();
        AccessToken token = new AccessToken(grant, now.plus(policy.accessToken()));
        // claims as Xero's access tokens carry them (decoded examples in Xero's auth-flow guide)
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(issuer + "/resources")
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(token.expiresAt))
                .subject(grant.user.userId().toString().replace("-", ""))
                .jwtID(token.jti)
                .claim("client_id", grant.app.clientId())
                .claim("auth_time", now.getEpochSecond())
                .claim("xero_userid", grant.user.userId().toString())
                .claim("global_session_id", grant.sessionId)
                .claim("authentication_event_id", grant.authEventId.toString())
                .claim("scope", List.copyOf(grant.scopes))
                .build();
        token.value = sign(claims);
        accessTokens.put(token.value, token);
        return token;
    }

    private String idToken(Grant grant, String nonce) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(grant.app.clientId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .subject(grant.user.userId().toString().replace("-", ""))
                .claim("auth_time", now.getEpochSecond())
                .claim("xero_userid", grant.user.userId().toString())
                .claim("global_session_id", grant.sessionId);
        if (grant.scopes.contains("email")) {
            claims.claim("email", grant.user.email());
        }
        if (grant.scopes.contains("profile")) {
            claims.claim("given_name", grant.user.firstName()).claim("family_name", grant.user.lastName())
                    .claim("preferred_username", grant.user.email());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return sign(claims.build());
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(SIGNING_KEY.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(SIGNING_KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- API access ----

    /** Why an access token was refused, for the 401 answer; null when it is good. */
    synchronized String problemWith(AccessToken token) {
        if (token == null) {
            return "AuthenticationUnsuccessful";
        }
        if (token.grant.revoked) {
            return "AuthenticationUnsuccessful";
        }
        if (!clock.instant().isBefore(token.expiresAt)) {
            return "TokenExpired: token expired at " + token.expiresAt;
        }
        return null;
    }

    synchronized AccessToken accessToken(String value) {
        return value == null ? null : accessTokens.get(value);
    }

    synchronized List<Connection> connections(XeroUser user, XeroApp app) {
        return List.copyOf(consent(user, app).connections);
    }

    synchronized boolean removeConnection(XeroUser user, XeroApp app, UUID connectionId) {
        return consent(user, app).connections.removeIf(c -> c.id.equals(connectionId));
    }

    synchronized boolean isConnected(XeroUser user, XeroApp app, UUID tenantId) {
        return consent(user, app).connections.stream().anyMatch(c -> c.tenantId.equals(tenantId));
    }

    // ---- test views ----

    synchronized List<XeroEmulator.RefreshTokenView> lineageOf(String anyRefreshToken) {
        RefreshToken token = refreshTokens.get(anyRefreshToken);
        if (token == null) {
            return List.of();
        }
        return view(token.grant);
    }

    synchronized List<List<XeroEmulator.RefreshTokenView>> allLineages() {
        return grants.stream().map(this::view).toList();
    }

    private List<XeroEmulator.RefreshTokenView> view(Grant grant) {
        Instant now = clock.instant();
        return grant.lineage.stream().map(t -> new XeroEmulator.RefreshTokenView(t.value,
                t.parent == null ? null : t.parent.value, t.generation, t.issuedAt, t.firstUsedAt, t.uses,
                state(t, now))).toList();
    }

    private String state(RefreshToken t, Instant now) {
        if (t.grant.revoked) {
            return "REVOKED";
        }
        if (t.firstUsedAt == null) {
            return now.isAfter(t.issuedAt.plus(policy.refreshTokenUnused())) ? "EXPIRED" : "ACTIVE";
        }
        return now.isAfter(t.firstUsedAt.plus(policy.refreshGrace())) ? "USED" : "IN_GRACE";
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("xero-emulator-" + randomHex(4)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
