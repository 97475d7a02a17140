package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.time.Instant;
import java.util.Optional;

/** Front door of the company module for other modules: whether a company exists, what it is, and its lastSync. */
public interface CompanyDirectory {

    Optional<CompanyReference> find(ClientId clientId, CompanyId companyId);

    /** The company, or a 404 answer naming it. */
    CompanyReference require(ClientId clientId, CompanyId companyId);

    /**
     * The whole company. Sees the caller's transaction, so a company created or about to be deleted in it is
     * found.
     */
    Optional<CompanyDetails> details(ClientId clientId, CompanyId companyId);

    /**
     * The client a company belongs to, found by the company id alone: for browser pages such as
     * Hosted Link that are opened without an API key and must apply the owner's settings.
     */
    Optional<ClientId> ownerOf(CompanyId companyId);

    /**
     * A pull of one of the company's data types completed at {@code completed}: Codat's {@code lastSync}. Never
     * moves back in time. Joins the caller's transaction.
     */
    void recordSync(ClientId clientId, CompanyId companyId, Instant completed);
}
