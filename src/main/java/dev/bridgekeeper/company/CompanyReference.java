package dev.bridgekeeper.company;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;

/** The short form of a company that events and webhook payloads carry ({@code referenceCompany}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompanyReference(UUID id, String name, Map<String, String> tags) {}
