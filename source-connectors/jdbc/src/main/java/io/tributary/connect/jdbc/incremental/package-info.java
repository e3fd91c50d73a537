/**
 * Incremental reads: the rows of a table or custom query after a stored position, by an incrementing column, a
 * timestamp column, or both, behind a safety delay on the database's clock. {@link
 * io.tributary.connect.jdbc.incremental.IncrementalReader} is the entry point; docs/jdbc-source-incremental.md
 * holds the rules.
 */
package io.tributary.connect.jdbc.incremental;
