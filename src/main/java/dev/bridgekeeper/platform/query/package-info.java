/**
 * Codat's {@code query} filter language and {@code orderBy} parameter, turned into parameterised SQL.
 * Parsing ({@link dev.bridgekeeper.platform.query.QueryParser}) knows nothing about tables; translation
 * ({@link dev.bridgekeeper.platform.query.QuerySql}) only emits SQL text taken from a
 * {@link dev.bridgekeeper.platform.query.FieldMapping}, so user input only ever reaches the database as
 * bind parameters.
 */
package dev.bridgekeeper.platform.query;
