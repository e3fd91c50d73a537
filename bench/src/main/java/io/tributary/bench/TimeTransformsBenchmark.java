package io.tributary.bench;

import io.tributary.connect.smt.EventTime;
import io.tributary.connect.smt.LateData;
import io.tributary.connect.smt.Sessionize;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.InsertField;
import org.apache.kafka.connect.transforms.Transformation;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per record for the event-time transforms on a 12-field click, as a Struct and as a Map:
 * {@link EventTime.Value} reading epoch millis and adding the derived date and hour, {@link LateData} with a
 * late field (its watermark map updated per record), and {@link Sessionize} over 5,000 users (its bounded state
 * read and written per record). The peer is Kafka's {@link InsertField.Value} adding one static field — the
 * cheapest stock transform that copies the value and, for Structs, derives a schema, which every one of these
 * does too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TimeTransformsBenchmark {

    private static final int RECORDS = 1024;
    private static final long T0 = 1_764_000_000_000L;

    private static final Schema CLICK = TransformsBenchmark.CLICK;

    @Param({"struct", "map"})
    public String format;

    private final SinkRecord[] records = new SinkRecord[RECORDS];
    private int next;
    private long clock;

    private EventTime.Value<SinkRecord> eventTime;
    private LateData<SinkRecord> lateData;
    private Sessionize<SinkRecord> sessionize;
    private InsertField.Value<SinkRecord> insertField;

    @Setup
    public void setUp() {
        Random random = new Random(20261125L);
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> click = new HashMap<>();
            click.put("event_id", 1_000_000L + i);
            click.put("ts", T0 + i * 1_000L);
            click.put("user_id", "user-" + random.nextInt(5_000));
            click.put("email", "user" + random.nextInt(50_000) + "@example.com");
            click.put("session_id", Long.toHexString(random.nextLong()));
            click.put("page", "/product/" + random.nextInt(500));
            click.put("referrer", random.nextBoolean() ? null : "https://search.example/?q=" + random.nextInt(999));
            click.put("ip", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
            click.put("country", "DE");
            click.put("device", random.nextBoolean() ? "mobile" : "desktop");
            click.put("card", "4000000000001234");
            click.put("amount", random.nextInt(100_000) / 100.0);
            records[i] = "struct".equals(format) ? record(CLICK, TransformsBenchmark.toStruct(click), 0)
                    : record(null, click, 0);
        }
        eventTime = configured(new EventTime.Value<>(), Map.of("field", "ts", "format", "epoch_millis",
                "derived.date.field", "event_date", "derived.hour.field", "event_hour"));
        lateData = configured(new LateData<>(), Map.of("allowed.lateness.ms", "600000", "late.field", "is_late"));
        sessionize = configured(new Sessionize<>(), Map.of("user.field", "user_id"));
        insertField = configured(new InsertField.Value<>(), Map.of("static.field", "source",
                "static.value", "web"));
        for (SinkRecord record : records) {
            if (eventTime.apply(record).timestamp() == null || lateData.apply(timed(record)).value() == null
                    || sessionize.apply(timed(record)).value() == null || insertField.apply(record).value() == null) {
                throw new IllegalStateException("a transform did not transform");
            }
        }
    }

    private static <T extends Transformation<SinkRecord>> T configured(T transform, Map<String, String> props) {
        transform.configure(props);
        return transform;
    }

    private static SinkRecord record(Schema schema, Object value, long timestamp) {
        return new SinkRecord("clicks", 0, null, null, schema, value, 0L, timestamp, null);
    }

    /** The next record with an advancing event time, as EventTime would leave it, for the stateful two. */
    private SinkRecord timed(SinkRecord record) {
        clock += 1_000;
        return record.newRecord(record.topic(), record.kafkaPartition(), null, null, record.valueSchema(),
                record.value(), T0 + clock);
    }

    @Benchmark
    public void tributaryEventTime(Blackhole blackhole) {
        blackhole.consume(eventTime.apply(nextRecord()));
    }

    @Benchmark
    public void tributaryLateData(Blackhole blackhole) {
        blackhole.consume(lateData.apply(timed(nextRecord())));
    }

    @Benchmark
    public void tributarySessionize(Blackhole blackhole) {
        blackhole.consume(sessionize.apply(timed(nextRecord())));
    }

    @Benchmark
    public void peerKafkaInsertField(Blackhole blackhole) {
        blackhole.consume(insertField.apply(timed(nextRecord())));
    }

    private SinkRecord nextRecord() {
        return records[next++ & (RECORDS - 1)];
    }
}
