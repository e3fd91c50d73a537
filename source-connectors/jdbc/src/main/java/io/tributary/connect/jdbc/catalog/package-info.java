/**
 * Tables: their names ({@link io.tributary.connect.jdbc.catalog.TableId}), discovery by include and exclude
 * patterns, and their columns and primary keys, all through JDBC's {@code DatabaseMetaData}.
 */
package io.tributary.connect.jdbc.catalog;
