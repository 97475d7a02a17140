/**
 * Shared kernel: errors, paging, the query language, security, the database and crypto primitives.
 * Open to every module, depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.bridgekeeper.platform;
