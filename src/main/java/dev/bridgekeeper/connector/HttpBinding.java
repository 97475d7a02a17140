package dev.bridgekeeper.connector;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;

/**
 * Who a {@link PlatformHttp} calls as.
 *
 * @param appClientId    the OAuth app's client id: its limits are shared by every connection of that app
 * @param organisationId the organisation calls are metered against; null for calls that are not an organisation's
 *                       (token endpoint, tenant discovery)
 * @param token          the bearer token; null for calls without one (token and revocation endpoints)
 * @param metered        whether the connector's rate policy applies (false for OAuth endpoints)
 * @param connection     the connection the calls read for: {@link PlatformHttp#sharingAnswers() shared answers}
 *                       are shared only between calls of one connection; null shares none
 * @param freshFrom      the read wants the platform's data as of this moment or later (when it was requested): a
 *                       shared answer whose call started before it is not taken, so a sync asked for after a
 *                       change never gets an answer from before it; null with no connection
 */
public record HttpBinding(Integration integration, String appClientId, String organisationId, BearerToken token,
        boolean metered, ConnectionId connection, Instant freshFrom) {

    public HttpBinding {
        if (connection != null && freshFrom == null) {
            throw new IllegalArgumentException("A connection's calls share answers only from a moment on");
        }
    }

    /** Calls made for no connection (linking, disconnecting): no answer is shared. */
    public HttpBinding(Integration integration, String appClientId, String organisationId, BearerToken token,
            boolean metered) {
        this(integration, appClientId, organisationId, token, metered, null, null);
    }

    /** Calls to OAuth endpoints: deadline and size cap only. */
    public static HttpBinding unmetered(Integration integration) {
        return new HttpBinding(integration, null, null, null, false);
    }

    /** A connection's access token, asked for before each call. */
    public interface BearerToken {

        String current();

        /**
         * The platform refused {@code rejected} (401): a token refreshed since, or refreshed now. Throws when the
         * connection can no longer be authorised.
         */
        String renewAfterRejection(String rejected);

        /**
         * The platform refused {@code refused} too, the token it was just renewed to, and the connector says that
         * ends the authorization: a connection's binding makes it Deauthorized (and tells the lender) and throws.
         * By default nothing happens and the refusal is answered to the caller as it is.
         */
        default void renewedTokenRefused(String refused) {}
    }
}
