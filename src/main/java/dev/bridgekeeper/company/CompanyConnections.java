package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Supplies the {@code dataConnections} of companies, in the connection module's wire shape. Implemented by the
 * connection module, which depends on this one, so the company module can show connections without depending
 * back on it.
 */
public interface CompanyConnections {

    Map<CompanyId, List<?>> connectionsOf(ClientId clientId, Collection<CompanyId> companyIds);
}
