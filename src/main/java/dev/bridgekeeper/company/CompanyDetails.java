package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.CompanyId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A company as the company module keeps it: one of the lender's small-business customers.
 *
 * @param tags      in the order PostgreSQL's jsonb keeps them once stored
 * @param products  the identifiers of the products assigned to it, in the order they were added
 * @param redirect  its Hosted Link URL, where the lender sends the customer to connect platforms
 * @param lastSync  when a pull of any of its data types last completed; null before the first
 */
public record CompanyDetails(CompanyId id, String name, String description, Map<String, String> tags,
        List<String> products, Instant created, String createdByUserName, Instant lastSync, String redirect) {

    public CompanyReference reference() {
        return new CompanyReference(id, name, description, tags);
    }
}
