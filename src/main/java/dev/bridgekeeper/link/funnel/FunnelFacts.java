package dev.bridgekeeper.link.funnel;

import dev.bridgekeeper.connection.ConnectionConnected;
import dev.bridgekeeper.connection.ConnectionFailed;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connection.DataConnectionError;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentGranted;
import dev.bridgekeeper.oauth.AuthorizationStarted;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The funnel's server-side steps, from the server's own events: consent agreed in Link, sign-in started at the
 * linkUrl, linked, failed. Recorded after the event's transaction committed and in a transaction of their own, so
 * the funnel can never undo a link or a consent, and a rolled-back link is never counted.
 */
@Component
class FunnelFacts {

    private static final Logger log = LoggerFactory.getLogger(FunnelFacts.class);

    private final JourneyFunnel funnel;

    FunnelFacts(JourneyFunnel funnel) {
        this.funnel = funnel;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConsentGranted event) {
        // consents a lender records through the API are not a step of anyone's journey
        if (event.consent().channel() == ConsentChannel.Api) {
            return;
        }
        for (ConnectionId connection : event.consent().connectionIds()) {
            record(new JourneyFunnel.Fact(event.clientId().value(), event.company().id().value(), connection.value(),
                    FunnelStep.CONSENT_AGREED, null, event.consent().sourceType(), null, event.at()));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AuthorizationStarted event) {
        record(new JourneyFunnel.Fact(event.clientId().value(), event.companyId().value(),
                event.connectionId().value(), FunnelStep.SIGN_IN_STARTED, event.platformKey(), event.sourceType(),
                null, event.at()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionConnected event) {
        DataConnection c = event.connection();
        record(new JourneyFunnel.Fact(event.clientId().value(), event.company().id().value(), c.id().value(),
                FunnelStep.LINKED, c.platformKey(), c.sourceType(), null, event.at()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionFailed event) {
        DataConnection c = event.connection();
        List<DataConnectionError> errors = c.errors() == null ? List.of() : c.errors();
        String code = errors.isEmpty() ? null : errors.get(errors.size() - 1).statusCode();
        record(new JourneyFunnel.Fact(event.clientId().value(), event.company().id().value(), c.id().value(),
                FunnelStep.FAILED, c.platformKey(), c.sourceType(), FailureReason.ofStatusCode(code), event.at()));
    }

    private void record(JourneyFunnel.Fact fact) {
        try {
            funnel.fact(fact);
        } catch (RuntimeException e) {
            // the funnel is a report: a fact it misses (the company deleted meanwhile, the database busy) is logged
            log.warn("The Link funnel did not record {} of connection {}: {}", fact.step().wire(),
                    fact.connectionId(), e.toString());
        }
    }
}
