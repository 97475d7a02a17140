package dev.bridgekeeper.company;

import java.util.Optional;
import java.util.UUID;

/** Front door for other modules that need to know a company exists and what it is called. */
public interface CompanyDirectory {

    Optional<CompanyReference> find(UUID clientId, UUID companyId);

    /** The company, or a 404 answer naming it. */
    CompanyReference require(UUID clientId, UUID companyId);
}
