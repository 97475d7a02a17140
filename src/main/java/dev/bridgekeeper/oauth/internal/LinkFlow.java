package dev.bridgekeeper.oauth.internal;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.oauth.OAuthProperties;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.web.PublicUrl;
import dev.bridgekeeper.settings.Profile;
import dev.bridgekeeper.settings.ProfileSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's round trip: linkUrl → the platform's authorization page (state + PKCE) → the one
 * callback URL → tokens sealed into the vault and the connection Linked → the lender's redirect.
 * Every outcome, good or bad, ends at the lender's redirect with Codat's status parameters, or, when the
 * Link journey sent the customer in the same tab, back at the journey's own return address.
 */
@Service
class LinkFlow {

    static final String CALLBACK_PATH = "/oauth/callback";
    private static final Logger log = LoggerFactory.getLogger(LinkFlow.class);

    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final ProfileSettings profiles;
    private final AuthorizationStates states;
    private final PlatformClient platforms;
    private final TokenVault vault;
    private final TransactionTemplate tx;
    private final OAuthProperties properties;
    private final URI callback;
    private final PublicUrl publicUrl;

    LinkFlow(ConnectionManagement connections, IntegrationCatalog catalog, ProfileSettings profiles,
            AuthorizationStates states, PlatformClient platforms, TokenVault vault, TransactionTemplate tx,
            OAuthProperties properties, PublicUrl publicUrl) {
        this.connections = connections;
        this.catalog = catalog;
        this.profiles = profiles;
        this.states = states;
        this.platforms = platforms;
        this.vault = vault;
        this.tx = tx;
        this.properties = properties;
        this.callback = URI.create(publicUrl.resolve(CALLBACK_PATH));
        this.publicUrl = publicUrl;
    }

    /** What the browser should be shown next: a redirect, or a page when there is nowhere safe to go. */
    sealed interface Outcome permits Redirect, Page {}

    record Redirect(URI location) implements Outcome {}

    record Page(int status, String title, String message) implements Outcome {}

    Outcome start(UUID companyId, UUID connectionId, Map<String, String> query) {
        Optional<ConnectionManagement.LinkTarget> found = connections.findForLink(CompanyId.of(companyId),
                ConnectionId.of(connectionId));
        if (found.isEmpty()) {
            return new Page(404, "This link is not valid", "Ask the company that sent you here for a new link.");
        }
        UUID clientId = found.get().clientId().value();
        DataConnection connection = found.get().connection();
        Optional<Integration> integration = catalog.find(connection.platformKey());
        Map<String, String> extra = new HashMap<>(query);
        extra.remove("otp");
        Profile profile = profiles.profile(ClientId.of(clientId));
        String journeyReturn = extra.remove(RedirectTarget.JOURNEY_RETURN);
        if (journeyReturn != null) {
            if (RedirectTarget.journeyMayReturnTo(journeyReturn, profile, hostedLinkPage(companyId))) {
                // kept with the other parameters under its own name; finish() takes it out again
                extra.put(RedirectTarget.JOURNEY_RETURN, journeyReturn);
            } else {
                log.warn("Connection {}: the journey's return address is not on the profile's whiteListUrls; the"
                        + " profile's redirect applies", connectionId);
            }
        }
        if (integration.isEmpty() || !"oauth2".equals(integration.get().auth().mode())) {
            return finish(clientId, companyId, connection, "501", "Not Implemented",
                    "This platform cannot be connected to from here.", extra);
        }
        String verifier = new CodeVerifier().getValue();
        String state = tx.execute(status -> states.create(clientId, companyId, connectionId, verifier, extra,
                properties.stateLifetime()));
        return new Redirect(platforms.authorizationUri(integration.get(), callback, state, verifier, profile.name()));
    }

    private String hostedLinkPage(UUID companyId) {
        return publicUrl.resolve("/link/" + companyId);
    }

    Outcome callback(String code, String state, String error, String errorDescription) {
        AuthorizationStates.Consumed consumed = tx.execute(status -> states.consume(state));
        if (consumed.started() == null) {
            log.warn("Refused an authorization callback: state {}", consumed.failure());
            return switch (consumed.failure()) {
                case EXPIRED -> new Page(400, "This sign-in took too long",
                        "For your security the link has expired. Go back and start connecting again.");
                case USED -> new Page(400, "This sign-in was already completed",
                        "Each sign-in link works once. Go back and start connecting again if you need to.");
                case UNKNOWN -> new Page(400, "This sign-in link is not valid",
                        "Go back to the company that sent you here and start connecting again.");
            };
        }
        AuthorizationStates.Started started = consumed.started();
        ClientId client = ClientId.of(started.clientId());
        CompanyId company = CompanyId.of(started.companyId());
        ConnectionId connectionId = ConnectionId.of(started.connectionId());
        DataConnection connection = connections.get(client, company, connectionId);
        Integration integration = catalog.require(connection.platformKey());
        if (error != null) {
            boolean cancelled = "access_denied".equals(error);
            connections.recordFailure(client, company, connectionId,
                    cancelled ? "403" : "500", cancelled ? "Forbidden" : "Internal Server Error",
                    cancelled ? "User cancelled." : "The platform reported an error: " + error);
            return finish(started.clientId(), started.companyId(), connection, cancelled ? "403" : "500",
                    cancelled ? "User cancelled" : "Unknown error",
                    cancelled ? "User cancelled." : "The platform reported an error.", started.redirectParams());
        }
        try {
            PlatformTokens tokens = platforms.exchangeCode(integration, code, callback, started.codeVerifier());
            Map<String, Object> identity = identity(integration, tokens);
            DataConnection linked = tx.execute(status -> {
                vault.store(started.clientId(), started.connectionId(), tokens, false);
                return connections.markLinked(client, company, connectionId, identity);
            });
            return finish(started.clientId(), started.companyId(), linked, "200", "OK", "", started.redirectParams());
        } catch (PlatformAuthException e) {
            log.warn("Authorization of connection {} failed at {}: {}", started.connectionId(), integration.key(),
                    e.error());
            connections.recordFailure(client, company, connectionId, "500", "Internal Server Error",
                    "Authorization failed at the platform: " + e.error());
            return finish(started.clientId(), started.companyId(), connection, "500", "Unknown error",
                    "We could not complete the connection.", started.redirectParams());
        }
    }

    private Map<String, Object> identity(Integration integration, PlatformTokens tokens) {
        try {
            return platforms.identity(integration, tokens.accessToken());
        } catch (PlatformAuthException e) {
            // linking succeeded; the identity only decorates the connection
            log.warn("Identity of a new {} connection could not be read: {}", integration.key(), e.error());
            return Map.of();
        }
    }

    private Outcome finish(UUID clientId, UUID companyId, DataConnection connection, String statusCode,
            String statusText, String errorMessage, Map<String, String> params) {
        Map<String, String> extra = new HashMap<>(params);
        String journeyReturn = extra.remove(RedirectTarget.JOURNEY_RETURN);
        Profile profile = profiles.profile(ClientId.of(clientId));
        // checked again: the allow list may have changed while the customer was at the platform
        if (journeyReturn != null
                && RedirectTarget.journeyMayReturnTo(journeyReturn, profile, hostedLinkPage(companyId))) {
            return new Redirect(RedirectTarget.journeyReturn(journeyReturn, statusCode, connection.id().toString()));
        }
        Map<String, String> values = new HashMap<>();
        values.put("companyId", companyId.toString());
        values.put("connectionId", connection.id().toString());
        values.put("integrationId", connection.integrationId().toString());
        values.put("sourceId", connection.sourceId().toString());
        values.put("platform", connection.platformKey());
        values.put("platformName", connection.platformName());
        values.put("sourceType", connection.sourceType());
        values.put("statusCode", statusCode);
        values.put("statusText", statusText);
        values.put("errorMessage", errorMessage);
        try {
            return RedirectTarget.build(profile, values, extra)
                    .<Outcome>map(Redirect::new)
                    .orElseGet(() -> "200".equals(statusCode)
                            ? new Page(200, "You're connected", "Your " + connection.platformName()
                                    + " account is connected. You can close this window.")
                            : new Page(200, "Not connected", "Your " + connection.platformName()
                                    + " account was not connected. You can close this window."));
        } catch (RedirectTarget.NotAllowed e) {
            log.warn("Not redirecting after linking connection {}: {}", connection.id(), e.getMessage());
            return new Page(400, "We couldn't take you back",
                    "The return address for this service is not on its allowed list. You can close this window.");
        }
    }

}
