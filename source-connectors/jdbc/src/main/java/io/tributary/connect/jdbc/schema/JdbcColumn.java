package io.tributary.connect.jdbc.schema;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What JDBC says about one column, from a result's metadata or from the catalog.
 *
 * @param name the column's label in a result (its alias, when it has one), its name in the catalog
 * @param jdbcType a {@link java.sql.Types} constant
 * @param typeName the database's own type name, e.g. {@code timestamptz}, {@code _int4}, {@code DECIMAL}
 * @param precision digits for numbers (0 when the type has no declared precision), length for text
 * @param scale fractional digits for numbers
 * @param nullable true unless the database says the column cannot hold NULL
 */
public record JdbcColumn(String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {

    public JdbcColumn {
        typeName = typeName == null ? "" : typeName;
    }

    /** The columns of a result, in result order. */
    public static List<JdbcColumn> of(ResultSetMetaData metadata) throws SQLException {
        int count = metadata.getColumnCount();
        List<JdbcColumn> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(new JdbcColumn(metadata.getColumnLabel(i), metadata.getColumnType(i),
                    metadata.getColumnTypeName(i), metadata.getPrecision(i), metadata.getScale(i),
                    metadata.isNullable(i) != ResultSetMetaData.columnNoNulls));
        }
        return columns;
    }

    /** The column described by the current row of {@link DatabaseMetaData#getColumns}. */
    public static JdbcColumn fromColumnsRow(ResultSet row) throws SQLException {
        return new JdbcColumn(row.getString("COLUMN_NAME"), row.getInt("DATA_TYPE"), row.getString("TYPE_NAME"),
                row.getInt("COLUMN_SIZE"), row.getInt("DECIMAL_DIGITS"),
                row.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
    }

    /** The type as people write it, for messages: {@code numeric(10,2)}, {@code point}. */
    public String typeDescription() {
        String base = typeName.isEmpty() ? "JDBC type " + jdbcType : typeName;
        boolean numeric = jdbcType == java.sql.Types.NUMERIC || jdbcType == java.sql.Types.DECIMAL;
        return numeric && precision > 0 ? base + "(" + precision + "," + scale + ")" : base;
    }
}
