package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.GrantContext;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.TokenPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Intuit's authorisation beyond OAuth 2.0 (developer.intuit.com, "OAuth 2.0"): one authorization connects one
 * company, whose realm id Intuit adds to the callback ({@code realmId}); its name is the realm's
 * {@code CompanyInfo.CompanyName}. So there is never an organisation choice. Refresh tokens rotate (the newest one
 * answered is the one to keep; a superseded one gets invalid_grant), roll 100 days forward on every refresh and end
 * five years after the authorization at the latest; Intuit states what is left in every token answer
 * ({@code x_refresh_token_expires_in}), which the framework keeps. Revocation at Intuit ends the whole grant.
 */
final class QuickBooksAuthorization implements AuthorizationAdapter {

    /** The callback parameter naming the company. */
    static final String REALM_ID = "realmId";

    /**
     * Rotating, no grace for a superseded value, 100 days unused (x_refresh_token_expires_in says more exactly), and
     * five years from the authorization at most (Intuit, "Important changes to refresh token policy", 2025-11-12):
     * the rolling end a refresh answers is kept only when it is earlier.
     */
    static final TokenPolicy TOKENS = new TokenPolicy(true, Duration.ZERO, Duration.ofDays(100),
            Duration.ofDays(5 * 365));

    private final QuickBooksApi api;

    QuickBooksAuthorization(QuickBooksApi api) {
        this.api = api;
    }

    @Override
    public TokenPolicy tokenPolicy() {
        return TOKENS;
    }

    /** A 401, or an {@code AuthenticationFault} Intuit answers inside another status (e.g. HTTP 200). */
    @Override
    public boolean refusesToken(PlatformResponse answer) {
        return answer.status() == 401 || api.isAuthenticationFault(answer);
    }

    /** A token Intuit refuses right after the refresh it answered: the grant is gone (revoked or disconnected). */
    @Override
    public boolean refusalOfARenewedTokenEndsAuthorization() {
        return true;
    }

    @Override
    public List<Organisation> organisations(GrantContext grant) {
        String realmId = grant.callbackParameters().get(REALM_ID);
        if (realmId == null || !realmId.matches("\\d{1,32}")) {
            return List.of(); // Intuit names the company on every successful callback; without it nothing is granted
        }
        JsonNode info = api.read(grant.http(), grant.settings(), realmId, "companyinfo/" + realmId)
                .path("CompanyInfo");
        if (!info.isObject()) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "QuickBooks answered no CompanyInfo for the realm.");
        }
        String name = QboValues.text(info, "CompanyName");
        return List.of(new Organisation(realmId, name == null ? "QuickBooks company " + realmId : name,
                Map.of(REALM_ID, realmId)));
    }
}
