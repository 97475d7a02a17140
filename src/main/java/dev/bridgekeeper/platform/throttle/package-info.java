/**
 * Rate limits: each client's request quota (Codat's 429 with Retry-After, and the client.rateLimit events),
 * failed authentication per source address, and the public browser pages per source address. Counts that
 * must hold across instances are Bucket4j token buckets kept in PostgreSQL.
 */
package dev.bridgekeeper.platform.throttle;
