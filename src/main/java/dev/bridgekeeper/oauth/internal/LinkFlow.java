package dev.bridgekeeper.oauth.internal;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.Connectors;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.integration.AppCredentials;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.oauth.AuthorizationStarted;
import dev.bridgekeeper.oauth.OAuthProperties;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.web.PublicUrl;
import dev.bridgekeeper.settings.Profile;
import dev.bridgekeeper.settings.ProfileSettings;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's round trip: linkUrl → the platform's authorization page (state + PKCE) → the one callback URL →
 * the connector names the organisations the grant covers → the customer picks one when there are several → the
 * connection is bound to it, its tokens sealed into the vault and it is Linked → the lender's redirect. Every
 * outcome, good or bad, ends at the lender's redirect with Codat's status parameters or at a plain page, or, when
 * the Link journey sent the customer in the same tab, back at the journey's own return address.
 */
@Service
class LinkFlow {

    /** The sandbox platforms' extension parameter: the name their consent page asks the customer to allow. */
    static final String SANDBOX_CLIENT_NAME = "client_display_name";

    static final String CALLBACK_PATH = "/oauth/callback";
    /** Hosted Link's query parameter that opens the journey on its upload screen (read by HostedLinkController). */
    static final String HOSTED_LINK_START_UPLOAD = "start=upload";
    static final String CHOICE_PATH = "/oauth/organisation";
    private static final Logger log = LoggerFactory.getLogger(LinkFlow.class);

    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final Connectors connectors;
    private final AuthorizationStates states;
    private final OrganisationChoices choices;
    private final OrganisationBinder binder;
    private final LinkOutcomes outcomes;
    private final PlatformClient platforms;
    private final TransactionTemplate tx;
    private final OAuthProperties properties;
    private final URI callback;
    private final ProfileSettings profiles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LinkFlow(ConnectionManagement connections, IntegrationCatalog catalog, Connectors connectors,
            AuthorizationStates states, OrganisationChoices choices, OrganisationBinder binder,
            LinkOutcomes outcomes, PlatformClient platforms, TransactionTemplate tx, OAuthProperties properties,
            PublicUrl publicUrl, ProfileSettings profiles, ApplicationEventPublisher events, Clock clock) {
        this.connections = connections;
        this.catalog = catalog;
        this.connectors = connectors;
        this.states = states;
        this.choices = choices;
        this.binder = binder;
        this.outcomes = outcomes;
        this.platforms = platforms;
        this.tx = tx;
        this.properties = properties;
        this.callback = URI.create(publicUrl.resolve(CALLBACK_PATH));
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    /** What the browser should be shown next: a redirect, a page, or the organisation choice. */
    sealed interface Outcome permits Redirect, Page, Choice {}

    record Redirect(URI location) implements Outcome {}

    record Page(int status, String title, String message) implements Outcome {}

    /** The customer is asked which organisation to connect; {@code token} is the form's single-use capability. */
    record Choice(String token, String platformName, List<Organisation> organisations, String error)
            implements Outcome {}

    /** One authorisation of one connection, from its state to its end. */
    record Attempt(UUID clientId, UUID companyId, UUID connectionId, Map<String, String> redirectParams) {

        ClientId client() {
            return ClientId.of(clientId);
        }

        CompanyId company() {
            return CompanyId.of(companyId);
        }

        ConnectionId connection() {
            return ConnectionId.of(connectionId);
        }
    }

    Outcome start(UUID companyId, UUID connectionId, Map<String, String> query) {
        Optional<ConnectionManagement.LinkTarget> found = connections.findForLink(CompanyId.of(companyId),
                ConnectionId.of(connectionId));
        if (found.isEmpty()) {
            return new Page(404, "This link is not valid", "Ask the company that sent you here for a new link.");
        }
        ClientId client = found.get().clientId();
        DataConnection connection = found.get().connection();
        Map<String, String> extra = new HashMap<>(query);
        extra.remove("otp");
        Profile profile = profiles.profile(client);
        String journeyReturn = extra.remove(RedirectTarget.JOURNEY_RETURN);
        if (journeyReturn != null) {
            if (RedirectTarget.journeyMayReturnTo(journeyReturn, profile, outcomes.hostedLinkPage(companyId))) {
                // kept with the other parameters under its own name; the outcome takes it out again
                extra.put(RedirectTarget.JOURNEY_RETURN, journeyReturn);
            } else {
                log.warn("Connection {}: the journey's return address is not on the profile's whiteListUrls; the"
                        + " profile's redirect applies", connectionId);
            }
        }
        Attempt attempt = new Attempt(client.value(), companyId, connectionId, extra);
        Optional<Integration> integration = catalog.find(connection.platformKey());
        if (integration.isPresent() && integration.get().auth().upload()) {
            // nothing to authorise: the customer uploads files, on the Link journey's upload screen (Hosted Link)
            return new Redirect(URI.create(outcomes.hostedLinkPage(companyId) + "?" + HOSTED_LINK_START_UPLOAD));
        }
        if (integration.isEmpty() || !"oauth2".equals(integration.get().auth().mode())) {
            return outcomes.finish(attempt, connection, "501", "Not Implemented",
                    "This platform cannot be connected to from here.");
        }
        Optional<String> unavailable = catalog.unavailableReason(client, integration.get().key());
        if (unavailable.isPresent()) {
            log.warn("Link of connection {} refused: {}", connectionId, unavailable.get());
            return outcomes.finish(attempt, connection, "501", "Not Implemented",
                    "This platform is not set up for connecting yet. " + unavailable.get());
        }
        AppCredentials app = catalog.credentials(client, integration.get().key()).orElseThrow();
        Connector connector = connectors.of(integration.get());
        String verifier = new CodeVerifier().getValue();
        String state = tx.execute(status -> {
            events.publishEvent(new AuthorizationStarted(client, CompanyId.of(companyId), ConnectionId.of(connectionId),
                    connection.platformKey(), connection.sourceType(), clock.instant()));
            return states.create(client.value(), companyId, connectionId, verifier, extra, properties.stateLifetime());
        });
        Map<String, String> parameters = new HashMap<>(
                connector.authorization().authorizationParameters(catalog.settings(integration.get().key())));
        // the sandboxes' consent page names the lender; a real platform shows the name its app was registered under
        if (integration.get().sandbox() && profile.name() != null && !profile.name().isBlank()) {
            parameters.put(SANDBOX_CLIENT_NAME, profile.name());
        }
        return new Redirect(platforms.authorizationUri(integration.get(), app, redirectUri(app), state, verifier,
                parameters));
    }

    Outcome callback(Map<String, String> query) {
        String code = query.get("code");
        String error = query.get("error");
        AuthorizationStates.Consumed consumed = tx.execute(status -> states.consume(query.get("state")));
        if (consumed.started() == null) {
            log.warn("Refused an authorization callback: state {}", consumed.failure());
            return refused(consumed.failure());
        }
        AuthorizationStates.Started started = consumed.started();
        Attempt attempt = new Attempt(started.clientId(), started.companyId(), started.connectionId(),
                started.redirectParams());
        DataConnection connection;
        try {
            connection = connections.get(attempt.client(), attempt.company(), attempt.connection());
        } catch (ApiException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            return connectionGone();
        }
        Integration integration = catalog.require(connection.platformKey());
        if (error != null || code == null) {
            boolean cancelled = "access_denied".equals(error);
            connections.recordFailure(attempt.client(), attempt.company(), attempt.connection(),
                    cancelled ? "403" : "500", cancelled ? "Forbidden" : "Internal Server Error",
                    cancelled ? "User cancelled." : CallbackErrors.describe(error, query.get("error_description")));
            return outcomes.finish(attempt, connection, cancelled ? "403" : "500",
                    cancelled ? "User cancelled" : "Unknown error",
                    cancelled ? "User cancelled." : "The platform reported an error.");
        }
        Optional<AppCredentials> app = catalog.credentials(attempt.client(), integration.key());
        if (app.isEmpty()) {
            return outcomes.failed(attempt, connection, "The app credentials of " + integration.key()
                    + " were removed during the sign-in.");
        }
        Connector connector = connectors.of(integration);
        GrantSession session;
        List<Organisation> organisations;
        try {
            PlatformTokens tokens = platforms.exchangeCode(integration, app.get(), code, redirectUri(app.get()),
                    started.codeVerifier(), connector.authorization().tokenPolicy());
            Map<String, String> extra = new HashMap<>(query);
            extra.keySet().removeAll(List.of("code", "state", "scope", "session_state"));
            session = new GrantSession(integration, catalog.settings(integration.key()), app.get(), connector, tokens,
                    Map.copyOf(extra), GrantSession.httpFor(connectors, integration, app.get(), tokens));
            organisations = connector.authorization().organisations(session);
        } catch (PlatformAuthException e) {
            return outcomes.failed(attempt, connection, "Authorization failed at the platform: " + e.error());
        } catch (RuntimeException e) {
            log.warn("Organisations of a new {} grant could not be read", integration.key(), e);
            return outcomes.failed(attempt, connection, "The platform's organisations could not be read: "
                    + e.getMessage());
        }
        if (organisations.isEmpty()) {
            return outcomes.failed(attempt, connection, "The sign-in granted access to no organisation.");
        }
        if (organisations.size() == 1) {
            return binder.bind(attempt, connection, session, organisations.get(0), List.of());
        }
        String token = tx.execute(status -> choices.create(new OrganisationChoices.Pending(attempt.clientId(),
                attempt.companyId(), attempt.connectionId(), session.tokens(), organisations,
                attempt.redirectParams()), properties.stateLifetime()));
        return new Choice(token, connection.platformName(), organisations, null);
    }

    /** The page of a callback whose connection the lender deleted (with its company, or alone) during the sign-in. */
    static Page connectionGone() {
        return new Page(404, "This connection no longer exists", "The company that sent you here removed it while you"
                + " were signing in, so nothing was shared. Ask them for a new link if you still want to connect.");
    }

    /** The customer picked {@code organisationId} on the choice page. */
    Outcome choose(String token, String organisationId) {
        Optional<List<Organisation>> offered = choices.offered(token);
        if (offered.isPresent() && offered.get().stream().noneMatch(o -> o.id().equals(organisationId))) {
            return new Choice(token, null, offered.get(), "Choose one of the organisations listed.");
        }
        OrganisationChoices.Taken taken = tx.execute(status -> choices.take(token));
        if (taken.pending() == null) {
            return refused(taken.failure());
        }
        OrganisationChoices.Pending pending = taken.pending();
        Attempt attempt = new Attempt(pending.clientId(), pending.companyId(), pending.connectionId(),
                pending.redirectParams());
        DataConnection connection = connections.get(attempt.client(), attempt.company(), attempt.connection());
        Integration integration = catalog.require(connection.platformKey());
        AppCredentials app = catalog.credentials(attempt.client(), integration.key()).orElse(null);
        if (app == null) {
            return outcomes.failed(attempt, connection, "The app credentials of " + integration.key()
                    + " were removed during the sign-in.");
        }
        Connector connector = connectors.of(integration);
        GrantSession session = new GrantSession(integration, catalog.settings(integration.key()), app, connector,
                pending.tokens(), Map.of(), GrantSession.httpFor(connectors, integration, app, pending.tokens()));
        Organisation chosen = pending.organisations().stream().filter(o -> o.id().equals(organisationId))
                .findFirst().orElse(pending.organisations().get(0));
        List<Organisation> others = pending.organisations().stream().filter(o -> !o.id().equals(chosen.id()))
                .toList();
        return binder.bind(attempt, connection, session, chosen, others);
    }

    private URI redirectUri(AppCredentials app) {
        return app.redirectUri() == null ? callback : URI.create(app.redirectUri());
    }

    private static Page refused(AuthorizationStates.Failure failure) {
        return switch (failure) {
            case EXPIRED -> new Page(400, "This sign-in took too long",
                    "For your security the link has expired. Go back and start connecting again.");
            case USED -> new Page(400, "This sign-in was already completed",
                    "Each sign-in link works once. Go back and start connecting again if you need to.");
            case UNKNOWN -> new Page(400, "This sign-in link is not valid",
                    "Go back to the company that sent you here and start connecting again.");
        };
    }
}
