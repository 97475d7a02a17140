package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.List;

/**
 * The products (use cases) assigned to a company. The company module keeps only the identifiers; what a
 * product means (data types, consent texts, policies) belongs to the consent module, which validates them.
 */
public interface CompanyProducts {

    /** The company's product identifiers in the order they were added, or a 404 answer naming the company. */
    List<String> products(ClientId clientId, CompanyId companyId);

    /** Adds the product; false when the company already had it. */
    boolean add(ClientId clientId, CompanyId companyId, String productIdentifier);

    /** Removes the product; false when the company did not have it. */
    boolean remove(ClientId clientId, CompanyId companyId, String productIdentifier);
}
