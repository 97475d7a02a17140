/**
 * The sandbox platforms — Sandbox Accounting, Sandbox Banking and Sandbox Commerce: OAuth 2.0
 * authorization servers (authorization code + PKCE, rotating refresh tokens, RFC 7009 revocation,
 * RFC 7662 introspection) with a protected data API, mounted under {@code /sandbox/**}.
 *
 * <p>Nothing here is called from other modules: Bridgekeeper reaches the sandbox only over HTTP,
 * through the URLs in the catalog entries {@code sbac}, {@code sbbk} and {@code sbcm}, exactly as it
 * reaches a real platform. {@code bridgekeeper.sandbox.enabled=false} removes all of it.
 */
@ApplicationModule(displayName = "Sandbox")
package dev.bridgekeeper.sandbox;

import org.springframework.modulith.ApplicationModule;
