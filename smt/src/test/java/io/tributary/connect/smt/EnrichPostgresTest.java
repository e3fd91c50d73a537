package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testkit.LogCapture;
import io.tributary.testkit.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enrich against a real PostgreSQL: types, quoting, and the database going away and coming back. */
class EnrichPostgresTest {

    private static final String SECRET = "s3cret-Enrich-pw-7781";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Schema USER = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("page", Schema.STRING_SCHEMA)
            .field("user", USER)
            .build();

    private static TestPostgres postgres;
    private String database;
    private String url;
    private Enrich<SinkRecord> transform;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void createDimension() throws SQLException {
        database = "enrich_" + DATABASES.incrementAndGet();
        url = postgres.createDatabase(database);
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA retail");
            statement.execute("CREATE TABLE retail.users (id BIGINT PRIMARY KEY, segment TEXT, country CHAR(2), "
                    + "visits INTEGER, lifetime_value NUMERIC(10, 2), active BOOLEAN, signed_up TIMESTAMPTZ, "
                    + "birthday DATE)");
            statement.execute("INSERT INTO retail.users VALUES "
                    + "(42, 'gold', 'DE', 17, 1234.50, true, '2026-03-01T10:15:30Z', '1990-05-17'), "
                    + "(7, 'basic', 'FR', 1, 0.00, false, NULL, NULL)");
            statement.execute("CREATE TABLE retail.\"Segments By Country\" (\"Code\" TEXT PRIMARY KEY, "
                    + "\"Region\" TEXT)");
            statement.execute("INSERT INTO retail.\"Segments By Country\" VALUES ('DE', 'EU')");
        }
    }

    @AfterEach
    void close() {
        if (transform != null) {
            transform.close();
        }
    }

    private Enrich<SinkRecord> enrich(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "connection.url", url,
                "connection.user", postgres.user(),
                "connection.password", SECRET,
                "lookup.table", "retail.users",
                "lookup.key.column", "id",
                "lookup.columns", "segment,country,visits,lifetime_value,active,signed_up,birthday",
                "record.key.field", "user.id"));
        props.putAll(extra);
        transform = new Enrich<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord row(long user) {
        Struct value = new Struct(CLICK).put("page", "/cart").put("user", new Struct(USER).put("id", user));
        return new SinkRecord("clicks", 3, null, null, CLICK, value, 100);
    }

    private static SinkRecord event(Object user) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("page", "/cart");
        value.put("user", Map.of("id", user));
        return new SinkRecord("clicks", 3, null, null, null, value, 101);
    }

    private static Object field(SinkRecord record, String name) {
        return record.value() instanceof Struct struct ? struct.get(name) : ((Map<?, ?>) record.value()).get(name);
    }

    private static Map<String, Object> fields(SinkRecord record, List<String> names) {
        Map<String, Object> fields = new LinkedHashMap<>();
        names.forEach(name -> fields.put(name, field(record, name)));
        return fields;
    }

    private static final List<String> ADDED =
            List.of("segment", "country", "visits", "lifetime_value", "active", "signed_up", "birthday");

    @Test
    void columnsBecomeFieldsByOneTypeRuleForStructsAndMapsAlike() {
        enrich(Map.of());
        SinkRecord batch = transform.apply(row(42));
        SinkRecord live = transform.apply(event(42));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("segment", "gold");
        expected.put("country", "DE");
        expected.put("visits", 17L);
        expected.put("lifetime_value", 1234.5);
        expected.put("active", true);
        expected.put("signed_up", Instant.parse("2026-03-01T10:15:30Z").toEpochMilli());
        expected.put("birthday", "1990-05-17");
        assertThat(fields(batch, ADDED)).isEqualTo(expected);
        assertThat(fields(live, ADDED)).isEqualTo(expected);

        Schema schema = batch.valueSchema();
        assertThat(schema.field("visits").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(schema.field("lifetime_value").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(schema.field("signed_up").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(schema.field("birthday").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(fields(transform.apply(row(7)), List.of("signed_up", "birthday")))
                .containsEntry("signed_up", null).containsEntry("birthday", null);
    }

    @Test
    void numericColumnsCanBeDecimalsAtTheirScale() {
        enrich(Map.of("lookup.columns", "lifetime_value:ltv", "lookup.numeric.mapping", "decimal"));
        SinkRecord batch = transform.apply(row(42));
        assertThat(batch.valueSchema().field("ltv").schema()).isEqualTo(Decimal.builder(2).optional().build());
        assertThat(field(batch, "ltv")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(field(transform.apply(event("7")), "ltv")).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void quotedNamesReachMixedCaseTablesAndCannotInjectSql() throws SQLException {
        url = url + "?ApplicationName=enrich-test";
        enrich(Map.of("lookup.table", "retail.Segments By Country", "lookup.key.column", "Code",
                "lookup.columns", "Region:region", "record.key.field", "country"));
        SinkRecord record = new SinkRecord("t", 0, null, null, null, Map.of("country", "DE"), 1);
        assertThat(field(transform.apply(record), "region")).isEqualTo("EU");
        transform.close();
        transform = null;

        assertThatThrownBy(() -> enrich(Map.of("lookup.table", "retail.users; DROP TABLE retail.users; --")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> enrich(Map.of("lookup.columns", "segment\" FROM retail.users; DROP TABLE "
                + "retail.users; --"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> enrich(Map.of("lookup.table", "RETAIL.USERS"))).isInstanceOf(ConfigException.class);
        transform = null;
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("SELECT COUNT(*) FROM retail.users").next()).isTrue();
        }
    }

    @Test
    void aDatabaseOutageIsRetriedThenRetriableAndTheTransformReconnects() throws Exception {
        url = url + "?password=" + SECRET;  // credentials in the URL must not leak either
        try (LogCapture logs = LogCapture.start()) {
            enrich(Map.of("lookup.retry.timeout.ms", "3000", "lookup.retry.backoff.ms", "50"));
            assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");

            blockConnections();
            assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");  // cached rows still serve
            long start = System.nanoTime();
            assertThatThrownBy(() -> transform.apply(row(7))).isInstanceOf(RetriableException.class)
                    .hasMessageContaining("retail.users").hasMessageNotContaining(SECRET)
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(2_500L, 10_000L);

            // Back while a lookup is retrying: that record succeeds
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                sleep(800);
                allowConnections();
            });
            assertThat(field(transform.apply(row(7)), "segment")).isEqualTo("basic");
            back.get();
            assertThat(field(transform.apply(event(42)), "segment")).isEqualTo("gold");

            assertThat(logs.text()).contains("Enrich").contains("is back").doesNotContain(SECRET);
        }
    }

    @Test
    void aTransformConfiguredWhileTheDatabaseIsDownStartsAndCatchesUp() {
        try (LogCapture logs = LogCapture.start()) {
            blockConnections();
            enrich(Map.of("lookup.retry.timeout.ms", "500", "lookup.retry.backoff.ms", "50"));
            assertThatThrownBy(() -> transform.apply(event(42))).isInstanceOf(RetriableException.class)
                    .hasMessageNotContaining(SECRET);
            allowConnections();
            assertThat(field(transform.apply(event(42)), "segment")).isEqualTo("gold");
            assertThat(field(transform.apply(row(7)), "country")).isEqualTo("FR");
            assertThat(logs.text()).contains("not reachable").doesNotContain(SECRET);
        }
    }

    /** The outage: no new connections to the database, and the transform's connection killed. */
    private void blockConnections() {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    private void allowConnections() {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    private static void admin(String... statements) {
        try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
