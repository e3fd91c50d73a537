package io.tributary.bench;

import io.tributary.connect.smt.IdempotencyKey;
import io.tributary.connect.smt.Mask;
import io.tributary.connect.smt.mask.MaskRules;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.MaskField;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.ValueToKey;
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
 * Nanoseconds per record for Tributary's {@link Mask.Value} (hmac on the email, keep-last:4 on the card number)
 * and {@link IdempotencyKey} (SHA-256 of three fields) on a typical 12-field click record, as a Struct with a
 * schema and as a schemaless Map.
 *
 * <p>Peers: Kafka's {@link MaskField.Value} masking the same two fields with a fixed replacement, which is the
 * stock way to hide them (it cannot pseudonymise, so it does less work: no HMAC); and Kafka's
 * {@link ValueToKey}, which keys a record by the same three fields without hashing them, the stock way to key
 * by fields. Both peers are in one class, so each row's ratio names the peer it is read against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransformsBenchmark {

    /** A power of two, so that cycling through the records is a mask rather than a division. */
    private static final int RECORDS = 1024;
    private static final String KEY_FIELDS = "user_id,event_id,ts";

    /** The click both transform benchmarks use: {@link TimeTransformsBenchmark} too. */
    static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("event_id", Schema.INT64_SCHEMA)
            .field("ts", Schema.INT64_SCHEMA)
            .field("user_id", Schema.STRING_SCHEMA)
            .field("email", Schema.STRING_SCHEMA)
            .field("session_id", Schema.STRING_SCHEMA)
            .field("page", Schema.STRING_SCHEMA)
            .field("referrer", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ip", Schema.STRING_SCHEMA)
            .field("country", Schema.STRING_SCHEMA)
            .field("device", Schema.STRING_SCHEMA)
            .field("card", Schema.STRING_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .build();

    @Param({"struct", "map"})
    public String format;

    private final SinkRecord[] records = new SinkRecord[RECORDS];
    private int next;

    private Mask.Value<SinkRecord> mask;
    private IdempotencyKey<SinkRecord> idempotencyKey;
    private MaskField.Value<SinkRecord> maskField;
    private ValueToKey<SinkRecord> valueToKey;

    @Setup
    public void setUp() {
        Random random = new Random(20261125L);
        String[] pages = {"/home", "/search", "/product/42", "/cart", "/checkout"};
        String[] countries = {"DE", "FR", "US", "BR", "JP"};
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> click = new HashMap<>();
            click.put("event_id", 1_000_000L + i);
            click.put("ts", 1_764_000_000_000L + random.nextInt(86_400_000));
            click.put("user_id", "user-" + random.nextInt(50_000));
            click.put("email", "user" + random.nextInt(50_000) + "@example.com");
            click.put("session_id", Long.toHexString(random.nextLong()));
            click.put("page", pages[random.nextInt(pages.length)]);
            click.put("referrer", random.nextBoolean() ? null : "https://search.example/?q=" + random.nextInt(999));
            click.put("ip", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
            click.put("country", countries[random.nextInt(countries.length)]);
            click.put("device", random.nextBoolean() ? "mobile" : "desktop");
            click.put("card", String.format("4%015d", Math.floorMod(random.nextLong(), 1_000_000_000_000_000L)));
            click.put("amount", random.nextInt(100_000) / 100.0);
            records[i] = "struct".equals(format) ? record(CLICK, toStruct(click)) : record(null, click);
        }

        mask = configured(new Mask.Value<>(), Map.of(
                MaskRules.FIELDS_CONFIG, "email:hmac,card:keep-last:4",
                MaskRules.HMAC_KEY_CONFIG, "benchmark-key-of-32-bytes-length"));
        idempotencyKey = configured(new IdempotencyKey<>(), Map.of(IdempotencyKey.FIELDS_CONFIG, KEY_FIELDS));
        maskField = configured(new MaskField.Value<>(), Map.of("fields", "email,card", "replacement", "****"));
        valueToKey = configured(new ValueToKey<>(), Map.of("fields", KEY_FIELDS));

        // Peers that fail or do nothing on these records would make the comparison meaningless: check them.
        for (SinkRecord record : records) {
            checkMasked(mask.apply(record).value(), false);
            checkMasked(maskField.apply(record).value(), true);
            if (!(idempotencyKey.apply(record).key() instanceof String key) || key.length() != 64) {
                throw new IllegalStateException("IdempotencyKey did not set a SHA-256 key");
            }
            if (valueToKey.apply(record).key() == null) {
                throw new IllegalStateException("ValueToKey did not set a key");
            }
        }
    }

    private static <T extends Transformation<SinkRecord>> T configured(T transform, Map<String, String> props) {
        transform.configure(props);
        return transform;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("clicks", 0, null, null, schema, value, 0L);
    }

    static Struct toStruct(Map<String, Object> click) {
        Struct struct = new Struct(CLICK);
        click.forEach(struct::put);
        return struct;
    }

    private static void checkMasked(Object value, boolean peer) {
        Object card = value instanceof Struct struct ? struct.get("card") : ((Map<?, ?>) value).get("card");
        Object email = value instanceof Struct struct ? struct.get("email") : ((Map<?, ?>) value).get("email");
        boolean masked = peer ? "****".equals(card) && "****".equals(email)
                : card.toString().startsWith("************") && email.toString().length() == 64;
        if (!masked) {
            throw new IllegalStateException((peer ? "MaskField" : "Mask") + " left " + card + " / " + email);
        }
    }

    @TearDown
    public void tearDown() {
        mask.close();
        idempotencyKey.close();
        maskField.close();
        valueToKey.close();
    }

    @Benchmark
    public void tributaryMask(Blackhole blackhole) {
        blackhole.consume(mask.apply(nextRecord()));
    }

    @Benchmark
    public void tributaryIdempotencyKey(Blackhole blackhole) {
        blackhole.consume(idempotencyKey.apply(nextRecord()));
    }

    @Benchmark
    public void peerKafkaMaskField(Blackhole blackhole) {
        blackhole.consume(maskField.apply(nextRecord()));
    }

    @Benchmark
    public void peerKafkaValueToKey(Blackhole blackhole) {
        blackhole.consume(valueToKey.apply(nextRecord()));
    }

    private SinkRecord nextRecord() {
        return records[next++ & (RECORDS - 1)];
    }
}
