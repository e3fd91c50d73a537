package io.tributary.connect.jdbc.catalog;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds tables and describes them through JDBC's {@link DatabaseMetaData}, so that it works on any driver.
 *
 * <p>Metadata calls take LIKE patterns, where {@code _} and {@code %} are wildcards: names are passed escaped
 * and every row is compared with the name again, so {@code order_items} never picks up {@code orderXitems}.
 */
public final class TableDiscovery {

    /**
     * Plain tables only. Views and, on PostgreSQL, partitioned parents ({@code PARTITIONED TABLE}) can be
     * added; adding the parent means excluding its partitions, which are tables of their own.
     */
    public static final Set<String> DEFAULT_TABLE_TYPES = Set.of("TABLE");

    private static final Logger LOG = LoggerFactory.getLogger(TableDiscovery.class);
    private static final int MAX_SUGGESTIONS = 5;

    private final Dialect dialect;
    private final String[] tableTypes;

    public TableDiscovery(Dialect dialect) {
        this(dialect, DEFAULT_TABLE_TYPES);
    }

    /** @param tableTypes {@code TABLE_TYPE} values of {@link DatabaseMetaData#getTableTypes()} to discover */
    public TableDiscovery(Dialect dialect, Set<String> tableTypes) {
        this.dialect = dialect;
        this.tableTypes = tableTypes.stream().sorted().toArray(String[]::new);
    }

    /** The tables the filter selects, system tables never included, sorted by qualified name. */
    public List<TableId> listTables(Connection connection, TableFilter filter) throws SQLException {
        List<TableId> tables = allTables(connection.getMetaData(), null, null).stream()
                .filter(table -> filter.matches(table, dialect))
                .collect(Collectors.toList());
        LOG.debug("Discovered {} table(s) in the {} database ({})", tables.size(), dialect.name(), filter);
        return tables;
    }

    /**
     * The table's columns and primary key. A name without a schema, on a database with schemas, means the
     * connection's current schema ({@code public} on PostgreSQL by default).
     *
     * @throws TableNotFoundException naming the table, with similarly named tables when there are any
     * @throws IllegalArgumentException when the name has a schema but the database has none
     */
    public TableDescription describe(Connection connection, TableId table) throws SQLException {
        TableId resolved = resolveSchema(connection, table);
        DatabaseMetaData metadata = connection.getMetaData();
        if (allTables(metadata, resolved.schema(), resolved.table()).isEmpty()) {
            throw notFound(metadata, resolved);
        }
        return new TableDescription(resolved, columns(metadata, resolved), primaryKey(metadata, resolved));
    }

    private TableId resolveSchema(Connection connection, TableId table) throws SQLException {
        if (!dialect.hasSchemas() && table.schema() != null) {
            throw new IllegalArgumentException("Table " + table.qualifiedName() + ": the " + dialect.name()
                    + " database has no schemas, so name the table without one");
        }
        if (table.schema() != null || !dialect.hasSchemas()) {
            return table;
        }
        String schema = connection.getSchema();
        return schema == null || schema.isEmpty() ? table : TableId.of(schema, table.table());
    }

    /** Tables of the configured types, exactly of this schema and name when given, system tables left out. */
    private List<TableId> allTables(DatabaseMetaData metadata, String schema, String name) throws SQLException {
        String escape = metadata.getSearchStringEscape();
        List<TableId> tables = new ArrayList<>();
        try (ResultSet rows = metadata.getTables(null, pattern(schema, escape), pattern(name, escape), tableTypes)) {
            while (rows.next()) {
                TableId table = tableOf(rows);
                if ((name == null || table.table().equals(name)) && sameSchema(schema, table.schema())
                        && !dialect.isSystemTable(table)) {
                    tables.add(table);
                }
            }
        }
        tables.sort(Comparator.comparing(TableId::qualifiedName));
        return tables;
    }

    private List<JdbcColumn> columns(DatabaseMetaData metadata, TableId table) throws SQLException {
        String escape = metadata.getSearchStringEscape();
        Map<Integer, JdbcColumn> byPosition = new TreeMap<>();
        try (ResultSet rows = metadata.getColumns(null, pattern(table.schema(), escape),
                pattern(table.table(), escape), "%")) {
            while (rows.next()) {
                if (tableOf(rows).equals(table)) {
                    byPosition.put(rows.getInt("ORDINAL_POSITION"), JdbcColumn.fromColumnsRow(rows));
                }
            }
        }
        return List.copyOf(byPosition.values());
    }

    private List<String> primaryKey(DatabaseMetaData metadata, TableId table) throws SQLException {
        Map<Integer, String> bySequence = new TreeMap<>();
        try (ResultSet rows = metadata.getPrimaryKeys(null, table.schema(), table.table())) {
            while (rows.next()) {
                if (tableOf(rows).equals(table)) {
                    bySequence.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
                }
            }
        }
        return List.copyOf(bySequence.values());
    }

    private TableNotFoundException notFound(DatabaseMetaData metadata, TableId table) throws SQLException {
        String lowerName = table.table().toLowerCase(Locale.ROOT);
        List<String> similar = allTables(metadata, null, null).stream()
                .filter(candidate -> candidate.table().toLowerCase(Locale.ROOT).equals(lowerName))
                .limit(MAX_SUGGESTIONS)
                .map(TableId::qualifiedName)
                .collect(Collectors.toList());
        String message = "Table " + table.qualifiedName() + " does not exist in the " + dialect.name()
                + " database, or the connector's user cannot see it"
                + (similar.isEmpty() ? "" : "; tables with a similar name: " + String.join(", ", similar)
                        + " (names are case-sensitive)");
        return new TableNotFoundException(table, message);
    }

    private TableId tableOf(ResultSet row) throws SQLException {
        String schema = dialect.hasSchemas() ? row.getString("TABLE_SCHEM") : null;
        return TableId.of(schema == null || schema.isEmpty() ? null : schema, row.getString("TABLE_NAME"));
    }

    private boolean sameSchema(String wanted, String actual) {
        return wanted == null || !dialect.hasSchemas() || wanted.equals(actual);
    }

    /** An exact-match LIKE pattern for a name; null (any) stays null. */
    private static String pattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("%", escape + "%").replace("_", escape + "_");
    }
}
