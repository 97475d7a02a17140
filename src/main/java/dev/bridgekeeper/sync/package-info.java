/**
 * Data sync: pull operations (datasets) with Codat's statuses, the jobs that run them on the shared job runtime, the
 * readers that page platforms' data APIs, and the records cache. Other modules use {@link
 * dev.bridgekeeper.sync.DataSync} (queue, status, history), {@link dev.bridgekeeper.sync.CachedRecords}
 * (the read API's view of the cache) and the {@link dev.bridgekeeper.sync.ReadCompleted} event.
 */
@ApplicationModule(displayName = "Sync")
package dev.bridgekeeper.sync;

import org.springframework.modulith.ApplicationModule;
