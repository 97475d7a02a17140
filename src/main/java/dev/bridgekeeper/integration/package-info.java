/**
 * The platform catalog: one yaml file per platform (auth mode, URLs, scopes, data types, branding), validated by
 * meaning at start-up, served as Codat's integrations. Other modules use
 * {@link dev.bridgekeeper.integration.IntegrationCatalog}.
 */
@ApplicationModule(displayName = "Integrations")
package dev.bridgekeeper.integration;

import org.springframework.modulith.ApplicationModule;
