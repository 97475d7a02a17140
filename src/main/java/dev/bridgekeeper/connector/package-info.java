/**
 * The connector framework: what a platform needs to be linked and read. A connector (one sub-package per platform:
 * {@code standard} for platforms whose API already speaks the standard model, {@code xero}, ...) declares its
 * {@link dev.bridgekeeper.connector.AuthorizationAdapter}, a {@link dev.bridgekeeper.connector.DataTypeReader} per
 * data type and its {@link dev.bridgekeeper.connector.RatePolicy}; the catalog names it by id and
 * {@link dev.bridgekeeper.connector.Connectors} resolves it. Every call to a platform goes through
 * {@link dev.bridgekeeper.connector.PlatformHttp}: whole-response deadline, body size cap, shared rate limits.
 */
@ApplicationModule(displayName = "Connectors")
package dev.bridgekeeper.connector;

import org.springframework.modulith.ApplicationModule;
