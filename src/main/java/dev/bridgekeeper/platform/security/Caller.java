package dev.bridgekeeper.platform.security;

import dev.bridgekeeper.platform.ids.ClientId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: always a client (tenant), either with one of its API keys or with a company
 * access token that is limited to one company and to the front-end endpoints. A Hosted Link token
 * is a company access token limited further, to the Link journey's endpoints.
 */
public final class Caller extends AbstractAuthenticationToken {

    public enum Kind { API_KEY, COMPANY_TOKEN }

    private final UUID clientId;
    private final Kind kind;
    private final UUID companyId;
    private final boolean hostedLink;

    private Caller(UUID clientId, Kind kind, UUID companyId, boolean hostedLink) {
        super(AuthorityUtils.createAuthorityList(kind == Kind.API_KEY ? "ROLE_CLIENT" : "ROLE_COMPANY"));
        this.clientId = clientId;
        this.kind = kind;
        this.companyId = companyId;
        this.hostedLink = hostedLink;
        setAuthenticated(true);
    }

    public static Caller withApiKey(UUID clientId) {
        return new Caller(clientId, Kind.API_KEY, null, false);
    }

    public static Caller withCompanyToken(UUID clientId, UUID companyId) {
        return new Caller(clientId, Kind.COMPANY_TOKEN, companyId, false);
    }

    /** A company token the Hosted Link page was given: the journey's endpoints only. */
    public static Caller withHostedLinkToken(UUID clientId, UUID companyId) {
        return new Caller(clientId, Kind.COMPANY_TOKEN, companyId, true);
    }

    /** The caller of the current request; only called behind the security chain, so always present. */
    public static Caller current() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("No authenticated caller on this thread");
    }

    public UUID clientId() {
        return clientId;
    }

    /** The calling client as the typed id front doors take. */
    public ClientId client() {
        return ClientId.of(clientId);
    }

    public Kind kind() {
        return kind;
    }

    /** True for a Hosted Link token: the customer is on the Hosted Link page, not on the lender's. */
    public boolean hostedLink() {
        return hostedLink;
    }

    /** The company a company token is limited to; empty for API keys. */
    public Optional<UUID> companyId() {
        return Optional.ofNullable(companyId);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return clientId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Caller c && c.clientId.equals(clientId) && c.kind == kind
                && java.util.Objects.equals(c.companyId, companyId) && c.hostedLink == hostedLink;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(clientId, kind, companyId, hostedLink);
    }
}
