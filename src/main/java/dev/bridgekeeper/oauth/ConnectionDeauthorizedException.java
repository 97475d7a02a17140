package dev.bridgekeeper.oauth;

import java.util.UUID;

/** The platform no longer accepts this connection's credentials; the connection is now Deauthorized. */
public class ConnectionDeauthorizedException extends RuntimeException {

    private final UUID connectionId;

    public ConnectionDeauthorizedException(UUID connectionId, String reason) {
        super("Connection " + connectionId + " is no longer authorised: " + reason);
        this.connectionId = connectionId;
    }

    public UUID connectionId() {
        return connectionId;
    }
}
