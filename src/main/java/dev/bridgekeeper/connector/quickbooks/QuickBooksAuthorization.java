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
 * ({@code x_refresh_token_expires_in}, and when asked the authorization's hard end,
 * {@code x_refresh_token_hard_expires_in}), which the framework keeps. Revocation at Intuit ends the whole grant.
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

    /**
     * Asks Intuit to answer the authorization's hard end ({@code x_refresh_token_hard_expires_in}): the header Intuit's
     * .NET SDK sends with a refresh ({@code OAuth2PlatformClient/Client/TokenClient.cs}); sent with the code exchange
     * too, where Intuit's answering it is not documented (an answer without the field changes nothing).
     */
    static final Map<String, String> HARD_EXPIRY = Map.of("x-include-refresh-token-hard-expires-in", "true");

    private final QuickBooksApi api;

    QuickBooksAuthorization(QuickBooksApi api) {
        this.api = api;
    }

    /** The authorization then ends at the earlier of Intuit's hard end and {@link #TOKENS}' five years. */
    @Override
    public Map<String, String> tokenRequestHeaders() {
        return HARD_EXPIRY;
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
