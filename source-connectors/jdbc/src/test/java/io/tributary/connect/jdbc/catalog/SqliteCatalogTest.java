package io.tributary.connect.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.SqliteDialect;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogTest {

    private static final TableId EVIL = TableId.of(null, "x\"; DROP TABLE y; --");

    private final Dialect dialect = new SqliteDialect();
    private final TableDiscovery discovery = new TableDiscovery(dialect);
    private Connection connection;

    @BeforeEach
    void createTables(@TempDir Path directory) throws SQLException {
        connection = dialect.connect("jdbc:sqlite:" + directory.resolve("shop.db"), null, null);
        try (Statement statement = connection.createStatement()) {
            // AUTOINCREMENT makes SQLite create its own sqlite_sequence table.
            statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, placed TEXT NOT NULL)");
            statement.execute("CREATE TABLE order_items (note TEXT, line INT, order_id INT, amount DECIMAL(10,2), "
                    + "PRIMARY KEY (order_id, line))");
            statement.execute("CREATE TABLE orderXitems (other INT)");
            statement.execute("CREATE TABLE y (id INT)");
            statement.execute("CREATE TABLE " + EVIL.quoted(dialect) + " (\"a\"\"b\" INT PRIMARY KEY)");
            statement.execute("INSERT INTO orders (placed) VALUES ('today')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void listsTablesWithoutSchemasAndWithoutSqlitesOwn() throws SQLException {
        assertThat(discovery.listTables(connection, TableFilter.ALL)).containsExactly(TableId.of(null, "orderXitems"),
                TableId.of(null, "order_items"), TableId.of(null, "orders"), EVIL, TableId.of(null, "y"));
    }

    @Test
    void patternsMatchTheTableName() throws SQLException {
        assertThat(discovery.listTables(connection, TableFilter.of("order.*", ".*X.*")))
                .containsExactly(TableId.of(null, "order_items"), TableId.of(null, "orders"));
    }

    @Test
    void describesColumnsAndTheKeyInKeyOrder() throws SQLException {
        TableDescription items = discovery.describe(connection, TableId.parse("order_items"));

        assertThat(items.id()).isEqualTo(TableId.of(null, "order_items"));
        assertThat(items.columns()).extracting(JdbcColumn::name).containsExactly("note", "line", "order_id", "amount");
        assertThat(items.primaryKey()).containsExactly("order_id", "line");
        assertThat(discovery.describe(connection, TableId.of(null, "orderXitems")).columns())
                .extracting(JdbcColumn::name).containsExactly("other");
    }

    @Test
    void aMissingTableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> discovery.describe(connection, TableId.of(null, "Orders")))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("Table Orders does not exist").hasMessageContaining("similar name: orders");
        assertThatThrownBy(() -> discovery.describe(connection, TableId.of("main", "orders")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no schemas");
    }

    @Test
    void namesAreIdentifiersNotSql() throws SQLException {
        TableDescription evil = discovery.describe(connection, EVIL);

        assertThat(evil.columns()).extracting(JdbcColumn::name).containsExactly("a\"b");
        assertThat(evil.primaryKey()).containsExactly("a\"b");
        assertThat(discovery.listTables(connection, TableFilter.of("y", null))).containsExactly(TableId.of(null, "y"));
    }
}
