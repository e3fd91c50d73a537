/**
 * The connector's own work beside task assignment: watching the catalog for tables added and dropped,
 * checking a configuration against the database in {@code validate()}, and scoping operators' offset edits.
 */
package io.tributary.connect.jdbc.connector;
