/**
 * What differs between databases: quoting, consistent reads with server-side cursors, the database's clock,
 * row estimates, custom-query wrapping and which type mapping applies. {@link
 * io.tributary.connect.jdbc.dialect.Dialects#forUrl(String)} chooses a dialect from the JDBC URL. The rules are
 * documented in {@code docs/jdbc-source.md}.
 */
package io.tributary.connect.jdbc.dialect;
