package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The columns an incremental read filters and orders by, found among a table's or query's columns and checked
 * once, so that a wrong name or type fails when the reader is built, naming table and column, rather than at
 * the first query.
 *
 * @param timestamp the timestamp column; null in {@code incrementing} mode
 * @param order the column ordering rows (of one timestamp, in the timestamp modes): the incrementing column,
 *     or in {@code timestamp} mode the single-column primary key; null when there is none
 * @param orderIsText whether {@code order} holds text rather than whole numbers
 */
record IncrementalColumns(JdbcColumn timestamp, JdbcColumn order, boolean orderIsText) {

    private static final Set<Integer> INTEGER_TYPES = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER,
            Types.BIGINT);
    private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR,
            Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR);
    private static final Set<Integer> TIMESTAMP_TYPES = Set.of(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE,
            Types.DATE);
    /** Declared names for drivers that report time types loosely (sqlite-jdbc reports declared names only). */
    private static final Set<String> TIMESTAMP_NAMES = Set.of("DATE", "DATETIME", "TIMESTAMP", "TIMESTAMPTZ");

    /** Whether rows of one timestamp have no order and are read as whole windows. */
    boolean windowed() {
        return order == null;
    }

    /**
     * @param primaryKey the key's columns; a single integer or text column becomes the tiebreaker of
     *     {@code timestamp} mode, anything else leaves that mode reading whole windows
     * @throws ConnectException naming table and column when a column is missing, ambiguous or of a type that
     *     cannot be compared as needed
     */
    static IncrementalColumns resolve(Dialect dialect, TableId table, List<JdbcColumn> columns,
            List<String> primaryKey, IncrementalSpec spec) {
        JdbcColumn timestamp = null;
        if (spec.mode().usesTimestamp()) {
            timestamp = find(table, columns, spec.timestampColumn(), "timestamp");
            if (!isTimestamp(timestamp)) {
                throw new ConnectException("Timestamp column '" + timestamp.name() + "' of " + table.qualifiedName()
                        + " is of type " + timestamp.typeDescription() + "; an incremental read needs a TIMESTAMP, "
                        + "TIMESTAMP WITH TIME ZONE or DATE column (cast it in a custom query)");
            }
        }
        if (spec.mode().usesIncrementing()) {
            JdbcColumn incrementing = find(table, columns, spec.incrementingColumn(), "incrementing");
            boolean text = isText(dialect, incrementing);
            if (!text && !isInteger(dialect, incrementing)) {
                throw new ConnectException("Incrementing column '" + incrementing.name() + "' of "
                        + table.qualifiedName() + " is of type " + incrementing.typeDescription() + "; it must be "
                        + "an integer or a text column");
            }
            return new IncrementalColumns(timestamp, incrementing, text);
        }
        if (spec.mode() == OffsetMode.TIMESTAMP && primaryKey.size() == 1) {
            JdbcColumn key = find(table, columns, primaryKey.get(0), "primary key");
            if (isText(dialect, key) || isInteger(dialect, key)) {
                return new IncrementalColumns(timestamp, key, isText(dialect, key));
            }
        }
        return new IncrementalColumns(timestamp, null, false);
    }

    /** The column of exactly this name (names are case-sensitive, as everywhere in the connector). */
    private static JdbcColumn find(TableId table, List<JdbcColumn> columns, String name, String role) {
        List<JdbcColumn> exact = columns.stream().filter(column -> column.name().equals(name)).toList();
        if (exact.size() > 1) {
            throw new ConnectException("The " + role + " column '" + name + "' of " + table.qualifiedName()
                    + " is ambiguous: " + exact.size() + " columns have that name; give them distinct aliases");
        }
        if (exact.size() == 1) {
            return exact.get(0);
        }
        List<String> similar = columns.stream().map(JdbcColumn::name)
                .filter(candidate -> candidate.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .toList();
        throw new ConnectException("The " + role + " column '" + name + "' does not exist in "
                + table.qualifiedName() + (similar.isEmpty() ? "" : "; columns with a similar name: " + similar
                        + " (names are case-sensitive)"));
    }

    private static boolean isTimestamp(JdbcColumn column) {
        return TIMESTAMP_TYPES.contains(column.jdbcType())
                || TIMESTAMP_NAMES.contains(column.typeName().strip().toUpperCase(Locale.ROOT));
    }

    /** Text types; on SQLite, which reports every non-integer declaration as VARCHAR, text affinity only. */
    private static boolean isText(Dialect dialect, JdbcColumn column) {
        if ("sqlite".equals(dialect.name())) {
            String declared = column.typeName().toUpperCase(Locale.ROOT);
            return declared.contains("CHAR") || declared.contains("CLOB") || declared.contains("TEXT");
        }
        return TEXT_TYPES.contains(column.jdbcType());
    }

    /** Integer types, NUMERIC(p, 0) that fits a long, and on SQLite any declaration with INTEGER affinity. */
    private static boolean isInteger(Dialect dialect, JdbcColumn column) {
        int type = column.jdbcType();
        if (INTEGER_TYPES.contains(type)) {
            return true;
        }
        if ((type == Types.NUMERIC || type == Types.DECIMAL) && column.scale() == 0 && column.precision() > 0
                && column.precision() <= 18) {
            return true;
        }
        return "sqlite".equals(dialect.name()) && column.typeName().toUpperCase(Locale.ROOT).contains("INT");
    }
}
