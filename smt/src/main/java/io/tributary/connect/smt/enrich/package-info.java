/**
 * Lookup enrichment from a JDBC dimension table for {@link io.tributary.connect.smt.Enrich}: configuration
 * ({@link io.tributary.connect.smt.enrich.EnrichConfig}), the table over one kept connection, the TTL cache with
 * negative caching and preload, the retry that rides out a database outage, and the rule that types added fields.
 */
package io.tributary.connect.smt.enrich;
