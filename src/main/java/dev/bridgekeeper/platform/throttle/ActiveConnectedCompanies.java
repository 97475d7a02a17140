package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.ids.ClientId;

/**
 * How many of a client's companies have a linked connection (Codat's "active connected companies", which its
 * daily quota grows with). Implemented by the connection module, which owns connections.
 */
public interface ActiveConnectedCompanies {

    long count(ClientId clientId);
}
