package dev.bridgekeeper.integration;

import java.util.List;
import java.util.Optional;

/** Front door to the platform catalog: the integrations this instance can connect to. */
public interface IntegrationCatalog {

    /** Every platform that is switched on, in catalog order. */
    List<Integration> all();

    Optional<Integration> find(String platformKey);

    /** The platform, or a 404 answer naming the unknown key. */
    Integration require(String platformKey);
}
