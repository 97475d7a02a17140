package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.platform.web.PublicUrl;
import dev.bridgekeeper.settings.Profile;
import dev.bridgekeeper.settings.ProfileSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a link attempt ends: the lender's redirect with Codat's status parameters, or a plain page; or, when the Link
 * journey sent the customer in the same tab, back at the journey's own return address.
 */
@Component
class LinkOutcomes {

    private static final Logger log = LoggerFactory.getLogger(LinkOutcomes.class);

    private final ConnectionManagement connections;
    private final ProfileSettings profiles;
    private final PublicUrl publicUrl;

    LinkOutcomes(ConnectionManagement connections, ProfileSettings profiles, PublicUrl publicUrl) {
        this.connections = connections;
        this.profiles = profiles;
        this.publicUrl = publicUrl;
    }

    /** Hosted Link's own page for the company: a return address the journey may always use. */
    String hostedLinkPage(UUID companyId) {
        return publicUrl.resolve("/link/" + companyId);
    }

    /** The attempt failed: recorded on the connection (connection.failed) and reported to the lender. */
    LinkFlow.Outcome failed(LinkFlow.Attempt attempt, DataConnection connection, String reason) {
        log.warn("Authorization of connection {} failed: {}", attempt.connectionId(), reason);
        connections.recordFailure(attempt.client(), attempt.company(), attempt.connection(), "500",
                "Internal Server Error", reason);
        return finish(attempt, connection, "500", "Unknown error", "We could not complete the connection.");
    }

    LinkFlow.Outcome finish(LinkFlow.Attempt attempt, DataConnection connection, String statusCode,
            String statusText, String errorMessage) {
        Map<String, String> extra = new HashMap<>(attempt.redirectParams());
        String journeyReturn = extra.remove(RedirectTarget.JOURNEY_RETURN);
        Profile profile = profiles.profile(attempt.client());
        // checked again: the allow list may have changed while the customer was at the platform
        if (journeyReturn != null
                && RedirectTarget.journeyMayReturnTo(journeyReturn, profile, hostedLinkPage(attempt.companyId()))) {
            return new LinkFlow.Redirect(RedirectTarget.journeyReturn(journeyReturn, statusCode,
                    connection.id().toString()));
        }
        Map<String, String> values = new HashMap<>();
        values.put("companyId", attempt.companyId().toString());
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
                    .<LinkFlow.Outcome>map(LinkFlow.Redirect::new)
                    .orElseGet(() -> "200".equals(statusCode)
                            ? new LinkFlow.Page(200, "You're connected", "Your " + connection.platformName()
                                    + " account is connected. You can close this window.")
                            : new LinkFlow.Page(200, "Not connected", "Your " + connection.platformName()
                                    + " account was not connected. You can close this window."));
        } catch (RedirectTarget.NotAllowed e) {
            log.warn("Not redirecting after linking connection {}: {}", connection.id(), e.getMessage());
            return new LinkFlow.Page(400, "We couldn't take you back",
                    "The return address for this service is not on its allowed list. You can close this window.");
        }
    }
}
