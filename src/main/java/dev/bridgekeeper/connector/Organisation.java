package dev.bridgekeeper.connector;

import java.util.Map;

/**
 * An organisation one authorisation covers (a Xero tenant, a QuickBooks realm, a sandbox company): what a connection
 * is bound to. {@code details} go into the connection's {@code connectionInfo} with {@code organisationId} and
 * {@code organisationName}; a connector may keep what it needs later there too (e.g. Xero's connection id).
 */
public record Organisation(String id, String name, Map<String, Object> details) {

    public Organisation {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
