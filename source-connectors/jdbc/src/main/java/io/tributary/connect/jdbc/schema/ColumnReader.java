package io.tributary.connect.jdbc.schema;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as a Connect value. Chosen once per result, called once per row. */
@FunctionalInterface
public interface ColumnReader {

    /**
     * The value at {@code index} (1-based) of the current row, as its Connect schema expects it; null for
     * SQL NULL.
     *
     * @throws org.apache.kafka.connect.errors.DataException when the stored value has no Connect form
     * @throws SQLException when the driver fails; database errors are not data errors and stay SQLExceptions
     */
    Object read(ResultSet row, int index) throws SQLException;
}
