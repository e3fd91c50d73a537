package io.tributary.connect.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.PostgresDialect;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresCatalogTest {

    private static final TableId EVIL = TableId.of("shop", "x\"; DROP TABLE y; --");
    private static TestPostgres postgres;
    private static int databases;

    private final Dialect dialect = new PostgresDialect();
    private final TableDiscovery discovery = new TableDiscovery(dialect);
    private Connection connection;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void createTables() throws SQLException {
        String database = "catalog_" + ++databases;
        postgres.createDatabase(database);
        connection = postgres.connect(database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA shop");
            statement.execute("CREATE SCHEMA audit");
            statement.execute("CREATE TABLE shop.orders (id bigint PRIMARY KEY, placed timestamptz NOT NULL)");
            // Key order differs from column order; a sibling whose name matches 'order_items' as a LIKE pattern.
            statement.execute("CREATE TABLE shop.order_items (note text, line int, order_id bigint, "
                    + "amount numeric(10,2), PRIMARY KEY (order_id, line))");
            statement.execute("CREATE TABLE shop.\"orderXitems\" (other int)");
            statement.execute("CREATE TABLE shop.customers (id int)");
            statement.execute("CREATE TABLE audit.orders_log (entry text)");
            statement.execute("CREATE TABLE public.misc (id int)");
            statement.execute("CREATE VIEW shop.open_orders AS SELECT * FROM shop.orders");
            statement.execute("CREATE TABLE y (id int)");
            statement.execute("CREATE TABLE " + EVIL.quoted(dialect) + " (\"a\"\"b\" int PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void listsTheTablesOfEverySchemaButTheSystemOnes() throws SQLException {
        assertThat(discovery.listTables(connection, TableFilter.ALL)).containsExactly(
                TableId.of("audit", "orders_log"), TableId.of("public", "misc"), TableId.of("public", "y"),
                TableId.of("shop", "customers"), TableId.of("shop", "orderXitems"), TableId.of("shop", "order_items"),
                TableId.of("shop", "orders"), EVIL);
    }

    @Test
    void includeAndExcludePatternsMatchTheWholeSchemaQualifiedName() throws SQLException {
        assertThat(discovery.listTables(connection, TableFilter.of("shop\\.order.*", ".*[Ii]tems")))
                .containsExactly(TableId.of("shop", "orders"));
        assertThat(discovery.listTables(connection, TableFilter.of(".*orders.*", null)))
                .containsExactly(TableId.of("audit", "orders_log"), TableId.of("shop", "orders"));
        // The pattern is matched against schema.table on PostgreSQL, so a bare table name matches nothing.
        assertThat(discovery.listTables(connection, TableFilter.of("orders", null))).isEmpty();
        assertThat(discovery.listTables(connection, TableFilter.of(null, "shop\\..*|public\\..*")))
                .containsExactly(TableId.of("audit", "orders_log"));
    }

    @Test
    void viewsAreDiscoveredWhenAsked() throws SQLException {
        assertThat(new TableDiscovery(dialect, Set.of("TABLE", "VIEW"))
                .listTables(connection, TableFilter.of("shop\\.open.*", null)))
                .containsExactly(TableId.of("shop", "open_orders"));
    }

    @Test
    void describesColumnsInTableOrderAndTheKeyInKeyOrder() throws SQLException {
        TableDescription items = discovery.describe(connection, TableId.of("shop", "order_items"));

        assertThat(items.columns()).extracting(JdbcColumn::name).containsExactly("note", "line", "order_id", "amount");
        assertThat(items.primaryKey()).containsExactly("order_id", "line");
        JdbcColumn amount = items.column("amount").orElseThrow();
        assertThat(amount).isEqualTo(new JdbcColumn("amount", Types.NUMERIC, "numeric", 10, 2, true));
        assertThat(items.column("line").orElseThrow().nullable()).isFalse();
        assertThat(items.column("Line")).isEmpty();
    }

    @Test
    void aTableWithoutSchemaIsLookedUpInTheConnectionsSchema() throws SQLException {
        TableDescription misc = discovery.describe(connection, TableId.parse("misc"));

        assertThat(misc.id()).isEqualTo(TableId.of("public", "misc"));
        assertThat(misc.primaryKey()).isEmpty();
    }

    @Test
    void aMissingTableIsAnErrorNamingItAndSimilarNames() {
        assertThatThrownBy(() -> discovery.describe(connection, TableId.of("shop", "Orders")))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("Table shop.Orders does not exist")
                .hasMessageContaining("similar name: shop.orders")
                .satisfies(e -> assertThat(((TableNotFoundException) e).table()).isEqualTo(TableId.of("shop", "Orders")));
        assertThatThrownBy(() -> discovery.describe(connection, TableId.of("nowhere", "nothing")))
                .isInstanceOf(TableNotFoundException.class).hasMessageContaining("nowhere.nothing")
                .hasMessageNotContaining("similar");
    }

    @Test
    void namesAreIdentifiersNotPatternsNorSql() throws SQLException {
        TableDescription evil = discovery.describe(connection, EVIL);

        assertThat(evil.columns()).extracting(JdbcColumn::name).containsExactly("a\"b");
        assertThat(evil.primaryKey()).containsExactly("a\"b");
        assertThat(discovery.describe(connection, TableId.of("shop", "orderXitems")).columns())
                .extracting(JdbcColumn::name).containsExactly("other");
        assertThat(discovery.describe(connection, TableId.of("public", "y")).id()).isEqualTo(TableId.of("public", "y"));
    }
}
