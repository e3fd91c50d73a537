/**
 * The JDBC source's configuration, one fragment per concern (connection, table selection, mode, snapshots,
 * incremental reads, types), assembled by {@link io.tributary.connect.jdbc.config.ConfigRules}, which also
 * checks the rules that span keys for both the config and {@code validate()}.
 */
package io.tributary.connect.jdbc.config;
