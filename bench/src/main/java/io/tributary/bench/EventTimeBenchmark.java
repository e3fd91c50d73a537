package io.tributary.bench;

import io.tributary.connect.smt.EventTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.TimestampConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading an ISO-8601 text event time out of a schemaless record value: Tributary's {@link EventTime.Value}
 * against its peer, Kafka's {@link TimestampConverter.Value}, parsing the same field of the same records.
 *
 * <p>The work is comparable, not identical: EventTime makes the parsed time the record's timestamp, while
 * TimestampConverter copies the value map and writes the epoch millis back into the field. Both build one new
 * record per input, which is the cost a Connect pipeline pays either way.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventTimeBenchmark {

    /** A power of two, so that cycling through the records is a mask rather than a division. */
    private static final int RECORDS = 1024;
    private static final String FIELD = "event_ts";
    private static final String PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

    private final SinkRecord[] records = new SinkRecord[RECORDS];
    private int next;

    private EventTime.Value<SinkRecord> eventTime;
    private TimestampConverter.Value<SinkRecord> timestampConverter;

    @Setup
    public void setUp() {
        // Distinct times, so that neither transform can profit from seeing the same text twice in a row.
        DateTimeFormatter text = DateTimeFormatter.ofPattern(PATTERN, Locale.ROOT).withZone(ZoneOffset.UTC);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Random random = new Random(20261125L);
        for (int i = 0; i < RECORDS; i++) {
            Instant eventAt = start.plusMillis(random.nextLong(TimeUnit.DAYS.toMillis(365)));
            Map<String, Object> value = new HashMap<>();
            value.put("order_id", 100_000L + i);
            value.put("customer", "customer-" + random.nextInt(10_000));
            value.put("amount_cents", random.nextInt(100_000));
            value.put(FIELD, text.format(eventAt));
            records[i] = new SinkRecord("orders", i % 6, null, null, null, value, i,
                    start.toEpochMilli() + TimeUnit.DAYS.toMillis(400) + i, TimestampType.CREATE_TIME);
        }

        eventTime = new EventTime.Value<>();
        eventTime.configure(Map.of(EventTime.FIELD_CONFIG, FIELD, EventTime.FORMAT_CONFIG, "iso_8601"));

        timestampConverter = new TimestampConverter.Value<>();
        timestampConverter.configure(Map.of(
                TimestampConverter.FIELD_CONFIG, FIELD,
                TimestampConverter.FORMAT_CONFIG, PATTERN,
                TimestampConverter.TARGET_TYPE_CONFIG, "unix"));

        // A peer configured to do something else would make the comparison meaningless: check they agree.
        for (SinkRecord record : records) {
            Object converted = ((Map<?, ?>) timestampConverter.apply(record).value()).get(FIELD);
            long eventMillis = eventTime.apply(record).timestamp();
            if (!Long.valueOf(eventMillis).equals(converted)) {
                throw new IllegalStateException("EventTime read " + eventMillis + " but TimestampConverter "
                        + converted + " from '" + ((Map<?, ?>) record.value()).get(FIELD) + "'");
            }
        }
    }

    @TearDown
    public void tearDown() {
        eventTime.close();
        timestampConverter.close();
    }

    @Benchmark
    public void tributaryEventTime(Blackhole blackhole) {
        blackhole.consume(eventTime.apply(nextRecord()));
    }

    @Benchmark
    public void peerKafkaTimestampConverter(Blackhole blackhole) {
        blackhole.consume(timestampConverter.apply(nextRecord()));
    }

    private SinkRecord nextRecord() {
        return records[next++ & (RECORDS - 1)];
    }
}
