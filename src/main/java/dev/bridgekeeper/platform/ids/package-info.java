/**
 * Typed ids for the things modules pass each other: {@link dev.bridgekeeper.platform.ids.ClientId},
 * {@link dev.bridgekeeper.platform.ids.CompanyId} and {@link dev.bridgekeeper.platform.ids.ConnectionId}.
 * Front doors take these instead of bare UUIDs, so a company id cannot be handed over where a connection id
 * belongs; controllers make them from path variables and wire shapes turn them back into text.
 */
package dev.bridgekeeper.platform.ids;
