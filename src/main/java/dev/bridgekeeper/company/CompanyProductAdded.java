package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;
import java.util.List;

/**
 * A product was assigned to a company; published in the assigning transaction. {@code products} is the
 * company's full list afterwards (Codat's company.product.added carries it).
 */
public record CompanyProductAdded(ClientId clientId, CompanyReference company, String productIdentifier,
        List<String> products, Instant at) {}
