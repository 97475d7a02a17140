package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.platform.error.ApiException;
import java.util.Set;
import org.springframework.http.HttpStatus;

/** A status change the transition table does not allow; answered as a 409 if it reaches the API. */
class IllegalConnectionTransitionException extends ApiException {

    IllegalConnectionTransitionException(ConnectionStatus from, ConnectionStatus to, Set<ConnectionStatus> legal) {
        super(HttpStatus.CONFLICT, "A connection cannot go from " + from + " to " + to + "; from " + from
                + " it can go to " + (legal.isEmpty() ? "nothing" : legal) + ".");
    }
}
