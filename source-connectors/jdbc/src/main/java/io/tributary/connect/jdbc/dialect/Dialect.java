package io.tributary.connect.jdbc.dialect;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.connect.jdbc.schema.TypeMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;

/**
 * What differs between databases: quoting, how a consistent read is opened, the database's clock, row
 * estimates and the type mapping. Everything else in the connector is written once against this interface.
 * Choose an implementation with {@link Dialects#forUrl(String)}.
 */
public interface Dialect {

    /** A short name for logs and errors, e.g. {@code postgresql}. */
    String name();

    /**
     * One identifier (a schema, table or column name) as it must appear in SQL: in double quotes, embedded
     * double quotes doubled. Every name the connector puts into SQL goes through here, so a name is always
     * an identifier and never SQL.
     *
     * @throws IllegalArgumentException for an empty name or one holding a NUL character
     */
    default String quoteIdentifier(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("An identifier cannot be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            // C-based parsers stop at NUL, which would cut the statement short.
            throw new IllegalArgumentException("An identifier cannot contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Whether tables live in schemas ({@code schema.table}); SQLite has none. */
    boolean hasSchemas();

    /** Tables that belong to the database itself and are never discovered (system catalogs). */
    boolean isSystemTable(TableId table);

    /**
     * Opens a connection with credentials passed as properties, never in the URL, through the drivers the
     * plugin ships (then {@link DriverManager}). The caller owns it.
     *
     * @param user null when the database needs none
     * @param password null when the database needs none
     */
    default Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return JdbcDrivers.connect(url, properties);
    }

    /**
     * Makes {@code connection} read inside one read-only transaction whose statements all see one consistent
     * state of the database, and turns auto-commit off (which also lets drivers stream with a cursor). Call it
     * on a fresh connection, before any statement; end the read with {@code commit()} or {@code rollback()}.
     * The connection stays read-only afterwards: use it for reading only.
     */
    void beginConsistentRead(Connection connection) throws SQLException;

    /**
     * A forward-only, read-only statement whose rows are fetched {@code fetchSize} at a time instead of
     * being loaded into memory at once. The connection must be inside {@link #beginConsistentRead}.
     */
    default PreparedStatement prepareStreamingQuery(Connection connection, String sql, int fetchSize)
            throws SQLException {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive, was " + fetchSize);
        }
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        return statement;
    }

    /**
     * The database's current time. Incremental reads take their upper bound from the database's clock, not
     * the worker's, so that clock skew between the two cannot skip rows.
     */
    Instant currentTime(Connection connection) throws SQLException;

    /** An estimate of the rows in a table, for progress reporting; null when the database cannot say cheaply. */
    Long estimateRowCount(Connection connection, TableId table) throws SQLException;

    /** An estimate of the rows a query returns, for progress reporting; null when unknown. */
    Long estimateRowCount(Connection connection, CustomQuery query) throws SQLException;

    /**
     * Binds {@code value} as a query parameter compared with a timestamp {@code column}, by the same rule
     * the values of that column are read with (see {@link io.tributary.connect.jdbc.schema.TimestampRule}):
     * an instant for a column with a time zone, the UTC wall-clock time for one without.
     */
    void setTimestampParameter(PreparedStatement statement, int index, Instant value, JdbcColumn column)
            throws SQLException;

    /** How this database's column types become Connect schemas and values. */
    TypeMapper typeMapper();
}
