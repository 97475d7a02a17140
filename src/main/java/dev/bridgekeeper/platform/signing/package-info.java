/**
 * The installation's signing keys: generated once, sealed at rest, shared by every instance through
 * the database and published as a JWK Set, so receipts signed here can be verified anywhere.
 */
package dev.bridgekeeper.platform.signing;
