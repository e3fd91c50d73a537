package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.task.TaskTables;
import io.tributary.testkit.Await;
import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connector's work that needs the database: validate() and picking up added and dropped tables. */
class ConnectorDatabaseTest {

    private static TestPostgres postgres;
    private static String url;

    @BeforeAll
    static void start() throws SQLException {
        postgres = TestPostgres.start();
        url = postgres.createDatabase("catalog");
        execute("CREATE SCHEMA shop");
        execute("CREATE TABLE shop.orders (id int PRIMARY KEY, total numeric(10,2))");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void validateAcceptsAConfigWhoseTablesAndColumnsExist() {
        Map<String, List<String>> errors = errors(config(Map.of("tables", "shop.orders", "key.columns", "id")));

        assertThat(errors.values()).allSatisfy(messages -> assertThat(messages).isEmpty());
    }

    @Test
    void validateReportsMissingTablesAndColumnsOnTheirKeys() {
        Map<String, List<String>> errors = errors(config(Map.of("tables", "shop.orders, shop.nosuch",
                "key.columns", "order_id")));

        assertThat(errors.get("tables")).singleElement().asString().contains("shop.nosuch");
        assertThat(errors.get("key.columns")).singleElement().asString().contains("order_id");
        assertThat(errors.get("connection.url")).isEmpty();
    }

    @Test
    void validateReportsMissingIncrementalColumnsOnTheirKeys() {
        Map<String, List<String>> errors = errors(config(Map.of("tables", "shop.orders", "mode", "incremental",
                "incrementing.column", "order_no", "timestamp.column", "updated_at")));

        assertThat(errors.get("incrementing.column")).singleElement().asString().contains("order_no");
        assertThat(errors.get("timestamp.column")).singleElement().asString().contains("updated_at");
    }

    @Test
    void validateReportsAFailingQueryOnTheQueryKey() {
        Map<String, List<String>> errors = errors(config(Map.of("query", "SELECT nope FROM shop.orders",
                "query.name", "broken")));

        assertThat(errors.get("query")).singleElement().asString().contains("nope");
    }

    @Test
    void validateReportsAnUnreachableDatabaseWithoutItsCredentials() {
        Map<String, String> config = config(Map.of("tables", "shop.orders"));
        config.put("connection.url", "jdbc:postgresql://127.0.0.1:1/shop?password=hunter2");
        config.put("connection.password", "s3cret");

        Map<String, List<String>> errors = errors(config);

        assertThat(errors.get("connection.url")).singleElement().asString()
                .contains("Cannot connect", "jdbc:postgresql://127.0.0.1:1/shop")
                .doesNotContain("hunter2", "s3cret");
    }

    @Test
    void tablesAddedAndDroppedAreReassignedWithoutARestart() throws SQLException {
        execute("CREATE SCHEMA watched");
        execute("CREATE TABLE watched.a (id int PRIMARY KEY)");
        AtomicInteger reconfigurations = new AtomicInteger();
        TributaryJdbcSourceConnector connector = new TributaryJdbcSourceConnector();
        connector.initialize(new ConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
                reconfigurations.incrementAndGet();
            }

            @Override
            public void raiseError(Exception e) {
                throw new AssertionError(e);
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        connector.start(config(Map.of("table.include", "watched\\..*", "tables.refresh.interval.ms", "1000")));
        try {
            assertThat(assigned(connector)).containsExactly("watched.a");

            execute("CREATE TABLE watched.b (id int PRIMARY KEY)");
            Await.until("a reconfiguration for the new table", Duration.ofSeconds(10),
                    () -> reconfigurations.get() >= 1 ? Boolean.TRUE : null, () -> "none");
            assertThat(assigned(connector)).containsExactlyInAnyOrder("watched.a", "watched.b");

            execute("DROP TABLE watched.a");
            Await.until("a reconfiguration for the dropped table", Duration.ofSeconds(10),
                    () -> reconfigurations.get() >= 2 ? Boolean.TRUE : null, () -> "one");
            assertThat(assigned(connector)).containsExactly("watched.b");
        } finally {
            connector.stop();
        }
    }

    private static List<String> assigned(TributaryJdbcSourceConnector connector) {
        return connector.taskConfigs(4).stream()
                .flatMap(task -> TaskTables.decode(task.get(JdbcSourceConfig.TASK_TABLES)).stream())
                .map(TableId::qualifiedName).toList();
    }

    private static Map<String, String> config(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("connection.url", url);
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new TributaryJdbcSourceConnector().validate(config).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection db = postgres.connect("catalog"); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
