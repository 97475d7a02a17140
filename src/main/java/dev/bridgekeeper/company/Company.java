package dev.bridgekeeper.company;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A company in Codat's shape: one of the lender's small-business customers, with the connections
 * it has made to its platforms. {@code redirect} is its Hosted Link URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Company(
        String id,
        String name,
        String description,
        String redirect,
        Instant lastSync,
        Instant created,
        String createdByUserName,
        List<String> products,
        Map<String, String> tags,
        List<CompanyReference> referenceSubsidiaryCompanies,
        List<?> dataConnections) {}
