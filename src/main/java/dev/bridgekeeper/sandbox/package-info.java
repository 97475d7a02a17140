/**
 * The sandbox platforms — Sandbox Accounting, Sandbox Banking and Sandbox Commerce: OAuth 2.0
 * authorization servers (authorization code + PKCE, rotating refresh tokens, RFC 7009 revocation,
 * RFC 7662 introspection) with a protected data API, mounted under {@code /sandbox/**}.
 *
 * <p>Nothing here is called from other modules: Bridgekeeper reaches the sandbox only over HTTP,
 * through the URLs in the catalog entries {@code sbac}, {@code sbbk} and {@code sbcm}, exactly as it
 * reaches a real platform. They run in development mode only, unless {@code bridgekeeper.sandbox.enabled} says
 * otherwise; switched off, none of this exists.
 */
@ApplicationModule(displayName = "Sandbox")
package dev.bridgekeeper.sandbox;

import org.springframework.modulith.ApplicationModule;
