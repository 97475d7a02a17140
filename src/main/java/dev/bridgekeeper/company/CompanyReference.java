package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.Map;

/**
 * The short form of a company that other modules hold and events carry: enough to name it (consent texts,
 * the Link UI), filter on it (webhook consumers' company tags) and describe it (webhook payloads'
 * {@code referenceCompany}) without reading it again.
 */
public record CompanyReference(CompanyId id, String name, String description, Map<String, String> tags) {}
