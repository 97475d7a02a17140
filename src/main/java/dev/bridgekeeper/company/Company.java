package dev.bridgekeeper.company;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A company in Codat's wire shape, as the API answers and the {@code company.*} webhooks carry it. Built from
 * {@link CompanyDetails} by {@link #of}; {@code dataConnections} are the connection module's wire shapes.
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
        List<SubsidiaryCompany> referenceSubsidiaryCompanies,
        List<?> dataConnections) {

    /** Codat's {@code companyReference} for subsidiaries; Bridgekeeper has none, so the list is always empty. */
    @Schema(name = "CompanyReference")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubsidiaryCompany(UUID id, String name, Map<String, String> tags) {}

    /** Codat's shape of {@code company}; null {@code dataConnections} leaves the field out (Codat's companyDetails). */
    public static Company of(CompanyDetails company, List<?> dataConnections) {
        return new Company(company.id().toString(), company.name(), company.description(), company.redirect(),
                company.lastSync(), company.created(), company.createdByUserName(), company.products(), company.tags(),
                List.of(), dataConnections);
    }
}
