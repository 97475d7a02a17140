package dev.bridgekeeper.company;

import java.util.Optional;
import java.util.UUID;

/** Front door for other modules that need to know a company exists and what it is called. */
public interface CompanyDirectory {

    Optional<CompanyReference> find(UUID clientId, UUID companyId);

    /** The company, or a 404 answer naming it. */
    CompanyReference require(UUID clientId, UUID companyId);

    /**
     * The company's details in Codat's {@code companyDetails} shape (no {@code dataConnections}), as
     * webhook payloads carry them. Sees the caller's transaction, so a company created or about to
     * be deleted in it is found.
     */
    Optional<Company> details(UUID clientId, UUID companyId);

    /**
     * The client a company belongs to, found by the company id alone: for browser pages such as
     * Hosted Link that are opened without an API key and must apply the owner's settings.
     */
    Optional<UUID> ownerOf(UUID companyId);

    /**
     * A pull of one of the company's data types completed at {@code completed}: Codat's {@code lastSync}. Never
     * moves back in time. Joins the caller's transaction.
     */
    void recordSync(UUID clientId, UUID companyId, java.time.Instant completed);
}
