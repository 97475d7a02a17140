package dev.bridgekeeper.connector;

import dev.bridgekeeper.integration.IntegrationSettings;
import java.util.List;
import java.util.Map;

/**
 * A vendor's authorisation beyond plain OAuth 2.0 (which the framework does: PKCE, the code exchange with the
 * catalog's client authentication, refresh, RFC 7009 revocation).
 */
public interface AuthorizationAdapter {

    /** Extra query parameters of the authorization URL. */
    default Map<String, String> authorizationParameters(IntegrationSettings settings) {
        return Map.of();
    }

    /**
     * The organisations one grant covers, after the code exchange (Xero: {@code GET /connections}; QuickBooks: the
     * callback's realmId; the sandboxes: their identity URL). None: the link fails; one: the connection is bound to
     * it; several: the customer picks one.
     */
    List<Organisation> organisations(GrantContext grant);

    /** The customer picked another organisation: give up the grant's access to these (least privilege). */
    default void release(GrantContext grant, List<Organisation> unchosen) {}

    /**
     * Vendor clean-up when a connection is unlinked or deleted, before the tokens are revoked (Xero:
     * {@code DELETE /connections/{id}}). Answers whether RFC 7009 revocation of the tokens should follow.
     */
    default Revocation disconnect(DisconnectContext context) {
        return Revocation.REVOKE_TOKENS;
    }

    /** Whether the tokens are revoked after {@link #disconnect}. */
    enum Revocation {
        REVOKE_TOKENS,
        /** Revoking would also cut other connections that share the grant (Xero revokes per user and app). */
        KEEP_TOKENS
    }

    /**
     * Extra headers of every token request, the code exchange and each refresh (QuickBooks:
     * {@code x-include-refresh-token-hard-expires-in: true}, so that Intuit answers when the authorization ends).
     */
    default Map<String, String> tokenRequestHeaders() {
        return Map.of();
    }

    default TokenPolicy tokenPolicy() {
        return TokenPolicy.standard();
    }

    /**
     * Whether an API answer refuses the connection's access token. The framework then renews the token once and
     * repeats the call. Default: HTTP 401 (RFC 6750); a vendor may also refuse a token inside another answer
     * (QuickBooks: an {@code AuthenticationFault} in an HTTP 200).
     */
    default boolean refusesToken(PlatformResponse answer) {
        return answer.status() == 401;
    }

    /**
     * Whether a refusal of the token just renewed means the authorization is over (the connection becomes
     * Deauthorized and the lender is told). False by default: the answer is handed to the reader as it is.
     */
    default boolean refusalOfARenewedTokenEndsAuthorization() {
        return false;
    }
}
