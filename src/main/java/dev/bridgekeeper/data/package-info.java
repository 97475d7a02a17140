/**
 * The read API over the records cache: Codat's accounting, banking and commerce data endpoints, paged,
 * filtered with the shared {@code query} language and ordered with {@code orderBy}. Reads through the sync
 * module's {@link dev.bridgekeeper.sync.CachedRecords} facade; owns no storage.
 */
@ApplicationModule(displayName = "Data")
package dev.bridgekeeper.data;

import org.springframework.modulith.ApplicationModule;
