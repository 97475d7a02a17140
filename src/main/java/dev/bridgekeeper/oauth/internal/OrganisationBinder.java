package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.oauth.ReauthorisationRefused;
import dev.bridgekeeper.platform.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Binds a connection to the organisation its customer authorised, or refuses: a connection stays bound to the
 * organisation it was first linked to (re-authorising it to another is refused: tokens and connectionInfo stay as
 * they were, an error and an audit entry record the attempt), and one organisation is linked to one connection per
 * company and platform. Organisations the grant covers but nobody chose are given up (least privilege), unless a
 * connection is bound to them.
 */
@Component
class OrganisationBinder {

    private static final Logger log = LoggerFactory.getLogger(OrganisationBinder.class);

    private final ConnectionManagement connections;
    private final OrganisationBindings bindings;
    private final TokenVault vault;
    private final ApplicationEventPublisher events;
    private final LinkOutcomes outcomes;
    private final TransactionTemplate tx;

    OrganisationBinder(ConnectionManagement connections, OrganisationBindings bindings, TokenVault vault,
            ApplicationEventPublisher events, LinkOutcomes outcomes, TransactionTemplate tx) {
        this.connections = connections;
        this.bindings = bindings;
        this.vault = vault;
        this.events = events;
        this.outcomes = outcomes;
        this.tx = tx;
    }

    LinkFlow.Outcome bind(LinkFlow.Attempt attempt, DataConnection connection, GrantSession session,
            Organisation chosen, List<Organisation> unchosen) {
        String platformKey = connection.platformKey();
        Optional<OrganisationBindings.Binding> bound = bindings.of(attempt.connectionId());
        if (bound.isPresent() && !bound.get().organisationId().equals(chosen.id())) {
            release(session, concat(unchosen, chosen));
            return refuseOtherOrganisation(attempt, connection, bound.get(), chosen);
        }
        Optional<UUID> holder = chosen.id().isEmpty() ? Optional.empty()
                : bindings.holder(attempt.companyId(), platformKey, chosen.id(), attempt.connectionId());
        if (holder.isPresent()) {
            release(session, unchosen);
            return refuseSecondLink(attempt, connection, chosen, holder.get());
        }
        Map<String, Object> info = new LinkedHashMap<>(chosen.details());
        info.put("organisationId", chosen.id());
        info.put("organisationName", chosen.name());
        DataConnection linked;
        try {
            linked = tx.execute(status -> {
                // marked Linked first: that locks the company row and then the connection row, the order the
                // company's and the connection's deletes take them in. The binding and the tokens refer to the
                // connection row (their foreign keys lock it), so written first they would hold it while waiting
                // for the company row: a delete of the company at that moment would deadlock with the callback.
                DataConnection marked = connections.markLinked(attempt.client(), attempt.company(),
                        attempt.connection(), info);
                if (!chosen.id().isEmpty()) {
                    bindings.bind(attempt.clientId(), new OrganisationBindings.Binding(attempt.connectionId(),
                            attempt.companyId(), platformKey, chosen.id(), chosen.name()));
                }
                vault.store(attempt.clientId(), attempt.connectionId(), session.tokens(), false);
                return marked;
            });
        } catch (DuplicateKeyException e) { // another connection of the company bound it at the same moment
            release(session, unchosen);
            return refuseSecondLink(attempt, connection, chosen, null);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            // the lender deleted the connection (or its company) during the sign-in: nothing was stored, and the
            // grant the customer just gave serves no connection, so it is given up whole
            release(session, concat(unchosen, chosen));
            return LinkFlow.connectionGone();
        }
        release(session, unchosen);
        return outcomes.finish(attempt, linked, "200", "OK", "");
    }

    private LinkFlow.Outcome refuseOtherOrganisation(LinkFlow.Attempt attempt, DataConnection connection,
            OrganisationBindings.Binding bound, Organisation chosen) {
        log.warn("Connection {} is bound to organisation {}; re-authorisation to {} refused", attempt.connectionId(),
                bound.organisationId(), chosen.id());
        tx.executeWithoutResult(status -> {
            connections.recordFailure(attempt.client(), attempt.company(), attempt.connection(), "409", "Conflict",
                    "Re-authorisation to a different organisation (" + chosen.name() + ") was refused: this"
                            + " connection stays linked to " + bound.organisationName() + ". Create a new"
                            + " connection to link another organisation.");
            events.publishEvent(new ReauthorisationRefused(attempt.client(), attempt.company(), attempt.connection(),
                    connection.platformKey(), bound.organisationId(), chosen.id()));
        });
        return new LinkFlow.Page(409, "This is a different organisation", "This connection is linked to "
                + bound.organisationName() + ", but you signed in to " + chosen.name() + ". Nothing was changed. To"
                + " connect " + chosen.name() + ", ask the company that sent you here for a new connection link.");
    }

    private LinkFlow.Outcome refuseSecondLink(LinkFlow.Attempt attempt, DataConnection connection,
            Organisation chosen, UUID holder) {
        log.warn("Organisation {} is already linked to connection {} of company {}; second link refused", chosen.id(),
                holder, attempt.companyId());
        connections.recordFailure(attempt.client(), attempt.company(), attempt.connection(), "409", "Conflict",
                chosen.name() + " is already linked to this company" + (holder == null ? "" : " by connection "
                        + holder) + "; an organisation can be linked once per company.");
        return new LinkFlow.Page(409, "Already connected", chosen.name() + " is already connected for this company."
                + " Nothing was changed; you can close this window.");
    }

    /** Gives up organisations nobody uses; a failure only costs least privilege, never the link. */
    private void release(GrantSession session, List<Organisation> organisations) {
        List<Organisation> unused = organisations.stream().filter(o -> !o.id().isEmpty()
                && !bindings.anyBound(session.integration().key(), o.id())).toList();
        if (unused.isEmpty()) {
            return;
        }
        try {
            session.connector().authorization().release(session, unused);
        } catch (RuntimeException e) {
            log.warn("Could not give up {} unchosen organisations at {}: {}", unused.size(),
                    session.integration().key(), e.getMessage());
        }
    }

    private static List<Organisation> concat(List<Organisation> list, Organisation one) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(one)).toList();
    }
}
