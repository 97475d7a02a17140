package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;
import java.util.List;

/**
 * A product was taken off a company; published in the removing transaction. {@code products} is the
 * company's full list afterwards (Codat's company.product.removed carries it).
 */
public record CompanyProductRemoved(ClientId clientId, CompanyReference company, String productIdentifier,
        List<String> products, Instant at) {}
