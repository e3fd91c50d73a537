package io.tributary.connect.jdbc.schema;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/** Reads a whole query the way the readers will: a consistent read, a streaming statement, one converter. */
final class Rows {

    final RowConverter converter;
    final List<Struct> values;

    private Rows(RowConverter converter, List<Struct> values) {
        this.converter = converter;
        this.values = values;
    }

    /** Reads on {@code connection} and closes it: a consistent read leaves the connection read-only. */
    static Rows read(Dialect dialect, Connection connection, String sql, TableId table, List<String> key,
            TypeMappingOptions options) throws SQLException {
        try (connection) {
            return readOpen(dialect, connection, sql, table, key, options);
        }
    }

    private static Rows readOpen(Dialect dialect, Connection connection, String sql, TableId table,
            List<String> key, TypeMappingOptions options) throws SQLException {
        dialect.beginConsistentRead(connection);
        try (PreparedStatement statement = dialect.prepareStreamingQuery(connection, sql, 100);
             ResultSet result = statement.executeQuery()) {
            RowConverter converter = RowConverter.forResultSet(result.getMetaData(), table, key,
                    dialect.typeMapper(), options);
            List<Struct> values = new ArrayList<>();
            while (result.next()) {
                Struct value = converter.value(result);
                value.validate();
                values.add(value);
            }
            return new Rows(converter, values);
        } finally {
            connection.rollback();
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
