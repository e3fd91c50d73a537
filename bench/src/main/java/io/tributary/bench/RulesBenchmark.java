package io.tributary.bench;

import io.tributary.connect.smt.Rules;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.transforms.predicates.HasHeaderKey;
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
 * Nanoseconds per record for Tributary's {@link Rules} transform running one simple rule on a typical 12-field
 * click record, as a Struct with a schema and as a schemaless Map: a filter {@code value.price > 0} (every
 * record passes, so it is returned as it is) and a derived field {@code is_mobile} (a new value, and for a
 * Struct a new Struct under the cached derived schema).
 *
 * <p>Peer: Kafka's {@link Filter} under a {@link HasHeaderKey} predicate, the cheapest stock way to drop
 * records by a condition, tested and applied the way a worker chains a predicated transform. It reads a header
 * rather than a field, since no stock predicate reads fields, so it does less work than a rule.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RulesBenchmark {

    /** A power of two, so that cycling through the records is a mask rather than a division. */
    private static final int RECORDS = 1024;

    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("event_id", Schema.INT64_SCHEMA)
            .field("ts", Schema.INT64_SCHEMA)
            .field("user_id", Schema.STRING_SCHEMA)
            .field("session_id", Schema.STRING_SCHEMA)
            .field("page", Schema.STRING_SCHEMA)
            .field("referrer", Schema.OPTIONAL_STRING_SCHEMA)
            .field("user_agent", Schema.STRING_SCHEMA)
            .field("country", Schema.STRING_SCHEMA)
            .field("device", Schema.STRING_SCHEMA)
            .field("price", Schema.FLOAT64_SCHEMA)
            .field("quantity", Schema.INT32_SCHEMA)
            .field("currency", Schema.STRING_SCHEMA)
            .build();

    @Param({"struct", "map"})
    public String format;

    private final SinkRecord[] records = new SinkRecord[RECORDS];
    private int next;

    private Rules<SinkRecord> filterRule;
    private Rules<SinkRecord> deriveRule;
    private Filter<SinkRecord> filter;
    private HasHeaderKey<SinkRecord> hasHeaderKey;

    @Setup
    public void setUp() {
        Random random = new Random(20261125L);
        String[] pages = {"/home", "/search", "/product/42", "/cart", "/checkout"};
        String[] countries = {"DE", "FR", "US", "BR", "JP"};
        String[] devices = {"ios", "android", "desktop"};
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> click = new HashMap<>();
            click.put("event_id", 1_000_000L + i);
            click.put("ts", 1_764_000_000_000L + random.nextInt(86_400_000));
            click.put("user_id", "user-" + random.nextInt(50_000));
            click.put("session_id", Long.toHexString(random.nextLong()));
            click.put("page", pages[random.nextInt(pages.length)]);
            click.put("referrer", random.nextBoolean() ? null : "https://search.example/?q=" + random.nextInt(999));
            click.put("user_agent", "Mozilla/5.0 (build " + random.nextInt(9999) + ")");
            click.put("country", countries[random.nextInt(countries.length)]);
            click.put("device", devices[random.nextInt(devices.length)]);
            click.put("price", 0.01 + random.nextInt(100_000) / 100.0);
            click.put("quantity", 1 + random.nextInt(5));
            click.put("currency", "EUR");
            records[i] = "struct".equals(format) ? record(CLICK, toStruct(click)) : record(null, click);
        }

        filterRule = rules("{rules: [{id: priced, filter: 'value.price > 0'}]}");
        deriveRule = rules("{rules: [{id: is_mobile, derive: is_mobile, type: boolean, "
                + "expression: \"value.device in ['ios', 'android']\"}]}");
        filter = new Filter<>();
        filter.configure(Map.of());
        hasHeaderKey = new HasHeaderKey<>();
        hasHeaderKey.configure(Map.of("name", "bot"));

        // Rules that drop or fail on these records would measure the wrong path: check them.
        for (SinkRecord record : records) {
            if (filterRule.apply(record) != record || keep(record) != record) {
                throw new IllegalStateException("a filter dropped a record with a price and no 'bot' header");
            }
            Object derived = deriveRule.apply(record).value();
            Object isMobile = derived instanceof Struct struct ? struct.get("is_mobile")
                    : ((Map<?, ?>) derived).get("is_mobile");
            if (!(isMobile instanceof Boolean)) {
                throw new IllegalStateException("is_mobile was not derived: " + derived);
            }
        }
    }

    private static Rules<SinkRecord> rules(String inline) {
        Rules<SinkRecord> rules = new Rules<>();
        rules.configure(Map.of(Rules.RULES_CONFIG, inline));
        return rules;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("clicks", 0, null, null, schema, value, 0L);
    }

    private static Struct toStruct(Map<String, Object> click) {
        Struct struct = new Struct(CLICK);
        click.forEach(struct::put);
        return struct;
    }

    /** What a worker does with {@code transforms.x.predicate}: apply the transform only where the test holds. */
    private SinkRecord keep(SinkRecord record) {
        return hasHeaderKey.test(record) ? filter.apply(record) : record;
    }

    @TearDown
    public void tearDown() {
        filterRule.close();
        deriveRule.close();
        filter.close();
        hasHeaderKey.close();
    }

    @Benchmark
    public void tributaryFilterRule(Blackhole blackhole) {
        blackhole.consume(filterRule.apply(nextRecord()));
    }

    @Benchmark
    public void tributaryDerivedFieldRule(Blackhole blackhole) {
        blackhole.consume(deriveRule.apply(nextRecord()));
    }

    @Benchmark
    public void peerKafkaFilterHasHeaderKey(Blackhole blackhole) {
        blackhole.consume(keep(nextRecord()));
    }

    private SinkRecord nextRecord() {
        return records[next++ & (RECORDS - 1)];
    }
}
