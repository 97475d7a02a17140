package dev.bridgekeeper.oauth.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets authorization states and organisation choices a day after they expired; until then a replay can still be
 * told apart. Runs as the recurring job {@code oauth-state-purge} ({@link OAuthJobs}).
 */
@Component
class AuthorizationStatePurge {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStatePurge.class);
    private static final Duration KEEP = Duration.ofDays(1);

    private final AuthorizationStates states;
    private final OrganisationChoices choices;

    AuthorizationStatePurge(AuthorizationStates states, OrganisationChoices choices) {
        this.states = states;
        this.choices = choices;
    }

    @Transactional
    void purge() {
        int removed = states.purgeExpired(KEEP) + choices.purgeExpired(KEEP);
        if (removed > 0) {
            log.info("Removed {} expired authorization states", removed);
        }
    }
}
