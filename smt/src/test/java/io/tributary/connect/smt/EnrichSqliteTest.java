package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrich on a SQLite dimension file: hits, the miss policies, cache expiry, preload and refresh, quoting. */
class EnrichSqliteTest {

    private static final Schema USER = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("id", Schema.INT64_SCHEMA)
            .field("user", USER)
            .build();

    @TempDir
    Path dir;
    private String url;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private Enrich<SinkRecord> transform;

    @BeforeEach
    void createDimension() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("dims.db");
        sql("CREATE TABLE users (id INTEGER PRIMARY KEY, segment TEXT, country TEXT, score REAL, vip BOOLEAN)",
                "INSERT INTO users VALUES (42, 'gold', 'DE', 0.75, 1)",
                "INSERT INTO users VALUES (7, 'basic', 'FR', NULL, 0)");
    }

    @AfterEach
    void close() {
        if (transform != null) {
            transform.close();
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private Enrich<SinkRecord> enrich(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "connection.url", url,
                "lookup.table", "users",
                "lookup.key.column", "id",
                "lookup.columns", "segment,country:user_country,score,vip",
                "record.key.field", "user.id"));
        props.putAll(extra);
        transform = new Enrich<>();
        transform.ticker(nanos::get);
        transform.configure(props);
        return transform;
    }

    /** A batch row: a Struct whose user id is an int32. */
    private static SinkRecord row(int user) {
        Struct value = new Struct(CLICK).put("id", 1L).put("user", new Struct(USER).put("id", user));
        return new SinkRecord("clicks", 0, null, null, CLICK, value, 10);
    }

    /** A live event: schemaless, its user id a long or text. */
    private static SinkRecord event(Object user) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 1L);
        value.put("user", user == null ? new HashMap<>() : Map.of("id", user));
        return new SinkRecord("clicks", 0, null, null, null, value, 11);
    }

    private static Object field(SinkRecord record, String name) {
        return record.value() instanceof Struct struct ? struct.get(name) : ((Map<?, ?>) record.value()).get(name);
    }

    private static Map<String, Object> added(SinkRecord record) {
        Map<String, Object> added = new LinkedHashMap<>();
        for (String name : new String[] {"segment", "user_country", "score", "vip"}) {
            added.put(name, field(record, name));
        }
        return added;
    }

    @Test
    void aHitAddsTheSameTypedFieldsToAStructAndAMap() {
        enrich(Map.of());
        SinkRecord batch = transform.apply(row(42));
        SinkRecord live = transform.apply(event(42L));
        SinkRecord liveAsText = transform.apply(event("42"));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("segment", "gold");
        expected.put("user_country", "DE");
        expected.put("score", 0.75);
        expected.put("vip", true);
        assertThat(added(batch)).isEqualTo(expected);
        assertThat(added(live)).isEqualTo(expected);
        assertThat(added(liveAsText)).isEqualTo(expected);

        Schema schema = batch.valueSchema();
        assertThat(schema.field("segment").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("score").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(schema.field("vip").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
        assertThat(((Struct) batch.value()).getStruct("user").getInt32("id")).isEqualTo(42);
        assertThat(transform.apply(row(42)).valueSchema()).isSameAs(schema);  // derived once
    }

    @Test
    void aNullInTheTableIsANullField() {
        enrich(Map.of());
        assertThat(field(transform.apply(row(7)), "score")).isNull();
        assertThat(field(transform.apply(row(7)), "vip")).isEqualTo(false);
    }

    @Test
    void aMissUnderPolicyNullAddsNullFields() {
        enrich(Map.of("miss.policy", "null"));
        SinkRecord batch = transform.apply(row(99));
        SinkRecord live = transform.apply(event(99L));
        assertThat(added(batch)).containsOnlyKeys("segment", "user_country", "score", "vip").allSatisfy(
                (name, value) -> assertThat(value).isNull());
        assertThat(added(live)).isEqualTo(added(batch));
        assertThat(((Map<?, ?>) live.value()).containsKey("segment")).isTrue();
    }

    @Test
    void aMissUnderPolicyDefaultAddsTheDefaultsTyped() {
        enrich(Map.of("miss.policy", "default", "miss.defaults", "segment=unknown,country=ZZ,score=0.5"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("segment", "unknown");
        expected.put("user_country", "ZZ");
        expected.put("score", 0.5);
        expected.put("vip", null);
        assertThat(added(transform.apply(row(99)))).isEqualTo(expected);
        assertThat(added(transform.apply(event(99L)))).isEqualTo(expected);
        assertThat(added(transform.apply(event(null)))).isEqualTo(expected);
    }

    @Test
    void aMissUnderPolicyFailNamesTheKeyFieldAndTheRecord() {
        enrich(Map.of("miss.policy", "fail"));
        assertThatThrownBy(() -> transform.apply(row(99))).isInstanceOf(DataException.class)
                .hasMessageContaining("'user.id'").hasMessageContaining("topic=clicks partition=0 offset=10")
                .hasMessageContaining("not in table users");
        assertThatThrownBy(() -> transform.apply(event(null))).isInstanceOf(DataException.class)
                .hasMessageContaining("'user.id'").hasMessageContaining("missing or null");
    }

    @Test
    void aKeyThatCannotBeAKeyOfTheColumnIsADataException() {
        enrich(Map.of());
        assertThatThrownBy(() -> transform.apply(event("forty-two"))).isInstanceOf(DataException.class)
                .hasMessageContaining("'user.id'").hasMessageContaining("offset=11");
        assertThatThrownBy(() -> transform.apply(event(4.2))).isInstanceOf(DataException.class);
    }

    @Test
    void aTombstonePassesThrough() {
        enrich(Map.of());
        SinkRecord tombstone = new SinkRecord("clicks", 0, null, "k", null, null, 12);
        assertThat(transform.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void aChangedRowIsPickedUpOnceItsCacheEntryExpires() throws SQLException {
        enrich(Map.of("cache.ttl.ms", "60000", "cache.miss.ttl.ms", "10000"));
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");
        assertThat(field(transform.apply(row(5)), "segment")).isNull();
        sql("UPDATE users SET segment = 'platinum' WHERE id = 42",
                "INSERT INTO users VALUES (5, 'new', 'IT', 1.0, 0)");

        advance(9_000);  // both still cached: the old row and the miss
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");
        assertThat(field(transform.apply(row(5)), "segment")).isNull();

        advance(2_000);  // the miss expired (negative cache TTL), the row not yet
        assertThat(field(transform.apply(row(5)), "segment")).isEqualTo("new");
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");

        advance(50_000);
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("platinum");
    }

    @Test
    void aMissTtlOfZeroLooksEveryMissUp() throws SQLException {
        enrich(Map.of("cache.miss.ttl.ms", "0"));
        assertThat(field(transform.apply(row(5)), "segment")).isNull();
        sql("INSERT INTO users VALUES (5, 'new', 'IT', 1.0, 0)");
        assertThat(field(transform.apply(row(5)), "segment")).isEqualTo("new");
    }

    @Test
    void preloadReadsTheWholeTableAtStart() throws SQLException {
        enrich(Map.of("cache.preload", "true", "lookup.batch.size", "1"));
        sql("UPDATE users SET segment = 'changed'");
        // Served from the preloaded cache, not the table
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");
        assertThat(field(transform.apply(event(7L)), "segment")).isEqualTo("basic");
    }

    @Test
    void aTableLargerThanThePreloadLimitIsLookedUpByKey() throws SQLException {
        enrich(Map.of("cache.preload", "1"));
        sql("UPDATE users SET segment = 'changed'");
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("changed");
    }

    @Test
    void aRefreshReloadsThePreloadedTableInBatches() throws SQLException {
        enrich(Map.of("cache.preload", "true", "lookup.refresh.ms", "30000", "lookup.batch.size", "1"));
        sql("UPDATE users SET segment = 'platinum' WHERE id = 42",
                "INSERT INTO users VALUES (5, 'new', 'IT', 1.0, 0)");
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");
        advance(31_000);  // the refresh is due; the five-minute TTL is not over
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("platinum");
        sql("DELETE FROM users WHERE id = 5");
        assertThat(field(transform.apply(row(5)), "segment")).isEqualTo("new");  // refreshed, not looked up
    }

    @Test
    void aFailedRefreshKeepsTheCachedRowsAndALaterOneCatchesUp() throws SQLException {
        enrich(Map.of("cache.preload", "true", "lookup.refresh.ms", "30000", "lookup.retry.timeout.ms", "200",
                "lookup.retry.backoff.ms", "20"));
        sql("ALTER TABLE users RENAME TO users_away");  // every query fails, as if the database were gone
        advance(31_000);
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");
        assertThatThrownBy(() -> transform.apply(row(5))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("users");

        sql("ALTER TABLE users_away RENAME TO users", "UPDATE users SET segment = 'platinum' WHERE id = 42");
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");
        advance(31_000);
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("platinum");
    }

    @Test
    void aTableGrownPastThePreloadLimitIsNoLongerRefreshed() throws SQLException {
        enrich(Map.of("cache.preload", "2", "lookup.refresh.ms", "30000"));
        sql("INSERT INTO users VALUES (5, 'new', 'IT', 1.0, 0)", "UPDATE users SET segment = 'platinum'");
        advance(31_000);
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");  // not refreshed, still cached
        assertThat(field(transform.apply(row(5)), "segment")).isEqualTo("platinum");  // looked up by key
    }

    @Test
    void aMistypedSqlitePathCreatesNoEmptyDatabase() {
        Path missing = dir.resolve("dimz.db");
        url = "jdbc:sqlite:" + missing;
        enrich(Map.of("lookup.retry.timeout.ms", "100", "lookup.retry.backoff.ms", "20"));
        assertThatThrownBy(() -> transform.apply(row(42))).isInstanceOf(RetriableException.class);
        assertThat(missing).doesNotExist();
    }

    @Test
    void tableAndColumnNamesAreQuotedSoTheyCannotInjectSql() throws SQLException {
        assertThatThrownBy(() -> enrich(Map.of("lookup.table", "users; DROP TABLE users; --")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("users; DROP TABLE users; --");
        assertThatThrownBy(() -> enrich(Map.of("lookup.columns", "segment\" FROM users; DROP TABLE users; --")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> enrich(Map.of("lookup.key.column", "id\" = \"id\" OR 1=1; --")))
                .isInstanceOf(ConfigException.class);
        transform = null;
        enrich(Map.of());
        assertThat(field(transform.apply(row(42)), "segment")).isEqualTo("gold");  // the table is still there
    }

    @Test
    void aMissingColumnIsAConfigurationError() {
        assertThatThrownBy(() -> enrich(Map.of("lookup.columns", "segment,no_such_column")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no_such_column");
        assertThatThrownBy(() -> enrich(Map.of("miss.policy", "default", "miss.defaults", "nope=1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> enrich(Map.of("lookup.columns", "segment,country:segment")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("segment");
        assertThatThrownBy(() -> enrich(Map.of("lookup.key.column", "score")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("whole number or text");
    }

    @Test
    void validateReportsMalformedKeysWithoutTouchingTheDatabase() {
        Map<String, String> props = Map.of("connection.url", url, "lookup.table", "users",
                "lookup.key.column", "id", "lookup.columns", "segment,country:segment",
                "record.key.field", "user..id", "miss.defaults", "nodefault", "cache.preload", "many");
        Map<String, List<String>> errors = new HashMap<>();
        Enrich.CONFIG_DEF.validate(props).forEach(value -> errors.put(value.name(), value.errorMessages()));
        assertThat(errors.get("lookup.columns")).isNotEmpty();
        assertThat(errors.get("record.key.field")).isNotEmpty();
        assertThat(errors.get("miss.defaults")).isNotEmpty();
        assertThat(errors.get("cache.preload")).isNotEmpty();
        assertThat(errors.get("lookup.table")).isEmpty();
    }

    private void advance(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
