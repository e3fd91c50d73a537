package io.tributary.bench;

import io.tributary.connect.smt.Enrich;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.InsertField;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cache-hit enrichment of a 12-field click by its nested {@code user.id}: Tributary's {@link Enrich} adding a
 * user's segment and country from a SQLite dimension table of 10,000 users, against its peer, Kafka's
 * {@link InsertField.Value} adding one static field, on the same records, as Structs and as schemaless Maps.
 *
 * <p>Every key is in Enrich's cache before measurement (the records' 1,024 users are looked up in set-up), so
 * this is the steady state of a dimension that fits the cache: a path read, a cache hit, a copied value with
 * two more fields. The peer does no lookup at all; the gap to it is what the lookup costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnrichBenchmark {

    /** A power of two, so that cycling through the records is a mask rather than a division. */
    private static final int RECORDS = 1024;
    private static final int USERS = 10_000;
    private static final String[] SEGMENTS = {"new", "basic", "silver", "gold", "platinum"};
    private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL", "PL", "SE", "US"};
    private static final Schema USER = SchemaBuilder.struct().name("user").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("event_id", Schema.INT64_SCHEMA)
            .field("user", USER)
            .field("session", Schema.STRING_SCHEMA)
            .field("page", Schema.STRING_SCHEMA)
            .field("referrer", Schema.OPTIONAL_STRING_SCHEMA)
            .field("device", Schema.STRING_SCHEMA)
            .field("ip", Schema.STRING_SCHEMA)
            .field("event_ts", Schema.INT64_SCHEMA)
            .field("duration_ms", Schema.INT32_SCHEMA)
            .field("price", Schema.FLOAT64_SCHEMA)
            .field("quantity", Schema.INT32_SCHEMA)
            .field("is_bot", Schema.BOOLEAN_SCHEMA)
            .build();

    @Param({"struct", "map"})
    public String shape;

    private final SinkRecord[] records = new SinkRecord[RECORDS];
    private int next;
    private Path dir;
    private Enrich<SinkRecord> enrich;
    private InsertField.Value<SinkRecord> insertField;

    @Setup
    public void setUp() throws SQLException, IOException {
        dir = Files.createTempDirectory("enrich-bench");
        String url = "jdbc:sqlite:" + dir.resolve("dims.db");
        createUsers(url);
        Random random = new Random(20261125L);
        for (int i = 0; i < RECORDS; i++) {
            records[i] = click(i, 1 + random.nextInt(USERS), random);
        }

        enrich = new Enrich<>();
        enrich.configure(Map.of(
                "connection.url", url,
                "lookup.table", "users",
                "lookup.key.column", "id",
                "lookup.columns", "segment,country:user_country",
                "record.key.field", "user.id",
                "cache.ttl.ms", String.valueOf(TimeUnit.HOURS.toMillis(1))));
        insertField = new InsertField.Value<>();
        insertField.configure(Map.of("static.field", "segment", "static.value", "gold"));

        // Fill the cache, and check both transforms add what they should.
        for (SinkRecord record : records) {
            long user = ((Number) get(get(record.value(), "user"), "id")).longValue();
            Object segment = get(enrich.apply(record).value(), "segment");
            if (!SEGMENTS[(int) (user % SEGMENTS.length)].equals(segment)) {
                throw new IllegalStateException("Enrich gave user " + user + " segment " + segment);
            }
            if (!"gold".equals(get(insertField.apply(record).value(), "segment"))) {
                throw new IllegalStateException("InsertField did not add the static field");
            }
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        enrich.close();
        insertField.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public void tributaryEnrichCacheHit(Blackhole blackhole) {
        blackhole.consume(enrich.apply(nextRecord()));
    }

    @Benchmark
    public void peerKafkaInsertFieldStatic(Blackhole blackhole) {
        blackhole.consume(insertField.apply(nextRecord()));
    }

    private SinkRecord nextRecord() {
        return records[next++ & (RECORDS - 1)];
    }

    private static void createUsers(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, segment TEXT, country TEXT)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users VALUES (?, ?, ?)")) {
                for (int id = 1; id <= USERS; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, SEGMENTS[id % SEGMENTS.length]);
                    insert.setString(3, COUNTRIES[id % COUNTRIES.length]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    private SinkRecord click(int i, long user, Random random) {
        Struct value = new Struct(CLICK)
                .put("event_id", 1_000_000L + i)
                .put("user", new Struct(USER).put("id", user))
                .put("session", "s-" + random.nextInt(100_000))
                .put("page", "/product/" + random.nextInt(5_000))
                .put("referrer", random.nextBoolean() ? "https://search.example/q" : null)
                .put("device", random.nextBoolean() ? "mobile" : "desktop")
                .put("ip", "10.0." + random.nextInt(256) + "." + random.nextInt(256))
                .put("event_ts", 1_764_022_530_000L + i * 1_000L)
                .put("duration_ms", random.nextInt(60_000))
                .put("price", random.nextInt(10_000) / 100.0)
                .put("quantity", 1 + random.nextInt(5))
                .put("is_bot", random.nextInt(100) == 0);
        if (shape.equals("struct")) {
            return new SinkRecord("clicks", i % 6, null, null, CLICK, value, i);
        }
        Map<String, Object> map = new HashMap<>();
        for (org.apache.kafka.connect.data.Field field : CLICK.fields()) {
            Object fieldValue = value.get(field);
            map.put(field.name(), fieldValue instanceof Struct nested ? Map.of("id", nested.get("id")) : fieldValue);
        }
        return new SinkRecord("clicks", i % 6, null, null, null, map, i);
    }

    private static Object get(Object container, String name) {
        return container instanceof Struct struct ? struct.get(name) : ((Map<?, ?>) container).get(name);
    }
}
