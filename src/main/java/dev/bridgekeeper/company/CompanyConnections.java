package dev.bridgekeeper.company;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Supplies the {@code dataConnections} of companies. Implemented by the connection module, which
 * depends on this one, so the company module can show connections without depending back on it.
 */
public interface CompanyConnections {

    Map<UUID, List<?>> connectionsOf(UUID clientId, Collection<UUID> companyIds);
}
