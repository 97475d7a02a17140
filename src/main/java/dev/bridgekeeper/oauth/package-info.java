/**
 * Linking a connection and keeping its tokens: the linkUrl start and the one callback (state + PKCE), the token
 * vault (AES-GCM, key ids, re-sealing), single-flight refresh, and RFC 7009 revocation when a connection goes
 * (a durable job, written in the transaction that removed the connection's tokens).
 * Other modules get a platform token only through {@link dev.bridgekeeper.oauth.ConnectionCredentials}.
 */
@ApplicationModule(displayName = "OAuth")
package dev.bridgekeeper.oauth;

import org.springframework.modulith.ApplicationModule;
