package dev.bridgekeeper.consent;

import java.util.List;
import java.util.Optional;

/** Front door to the product definitions, loaded from configuration and validated at start-up. */
public interface Products {

    List<Product> all();

    Optional<Product> find(String identifier);

    /** The product, or a 404 answer naming it and the products that exist. */
    Product require(String identifier);
}
