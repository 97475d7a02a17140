package dev.bridgekeeper.consent;

import java.util.List;
import java.util.Optional;

/** Front door to the product definitions, loaded from configuration and validated at start-up. */
public interface Products {

    List<Product> all();

    Optional<Product> find(String identifier);

    /** The product, or a 404 answer naming it and the products that exist. */
    Product require(String identifier);

    /**
     * The products that read this data type from any source type, by identifier. Products are configuration, so
     * this is worked out once, when the application starts; the data type registry itself knows no products.
     */
    List<Product> usingDataType(String dataType);
}
