/**
 * The read API over the records cache: Codat's accounting, banking and commerce data endpoints, one per path of
 * the data type registry ({@link dev.bridgekeeper.platform.DataTypes}), paged, filtered with the shared
 * {@code query} language and ordered with {@code orderBy}; the financial statements and the aged debtors and
 * creditors reports, computed from the cache. Reads through the sync module's
 * {@link dev.bridgekeeper.sync.CachedRecords} facade (and asks {@link dev.bridgekeeper.sync.DataSync} what has
 * been synced); owns no storage.
 */
@ApplicationModule(displayName = "Data")
package dev.bridgekeeper.data;

import org.springframework.modulith.ApplicationModule;
