/**
 * Column types to Connect schemas and row values to Connect structs. A {@link
 * io.tributary.connect.jdbc.schema.RowConverter} is built once per result and holds a reader per column;
 * {@link io.tributary.connect.jdbc.schema.TimestampRule} is the one rule for time values, and the NUMERIC rule
 * never rounds. The full mapping is documented in {@code docs/jdbc-source.md}.
 */
package io.tributary.connect.jdbc.schema;
