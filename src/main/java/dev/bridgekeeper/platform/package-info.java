/**
 * Shared kernel: errors, paging, the query language, security, the database and crypto primitives, and the job
 * runtime every module's background jobs run on ({@code platform.jobs}). Open to every module, depends on none of
 * them.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.bridgekeeper.platform;
